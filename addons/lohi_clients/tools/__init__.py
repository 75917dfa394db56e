from . import signed_request
