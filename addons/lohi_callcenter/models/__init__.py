from . import lohi_call_script
