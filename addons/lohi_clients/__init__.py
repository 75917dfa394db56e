from . import models
from . import wizards
from . import report
from . import tools
from .hooks import pre_init_hook
