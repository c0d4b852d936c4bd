from .navigation import menu_for


def navigation(request):
    # A callable: the template calls it only where the masthead renders (not in the admin).
    return {"masthead_menu": lambda: menu_for(request)}
