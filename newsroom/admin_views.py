from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpResponseRedirect


@admin.site.admin_view
def view_on_site(request, content_type_id, object_id):
    """Replaces Django's ``/admin/r/<content_type>/<id>/`` shortcut, which redirects any logged-in
    user to any object's public address, and so would hand a writer the slug of someone else's
    draft. Here the object must be one the user may view in its own admin, and the address is the
    one that admin chooses (an unpublished article's is its preview). Anything else is a 404."""
    try:
        model = ContentType.objects.get_for_id(int(content_type_id)).model_class()
    except (ValueError, ContentType.DoesNotExist):
        raise Http404("No such object.") from None
    model_admin = admin.site._registry.get(model)
    obj = model_admin.get_object(request, object_id) if model_admin else None
    if obj is None or not model_admin.has_view_permission(request, obj):
        raise Http404("No such object.")
    url = model_admin.view_on_site(obj) if callable(model_admin.view_on_site) else None
    url = url or (obj.get_absolute_url() if model_admin.view_on_site and hasattr(obj, "get_absolute_url") else None)
    if not url:
        raise Http404("This object has no page on the site.")
    return HttpResponseRedirect(url)
