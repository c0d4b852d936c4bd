from .navigation import masthead_menu


def navigation(request):
    # A callable: the template calls it only where the masthead renders (not in the admin).
    return {"masthead_menu": masthead_menu}
