"""Who may do what to which article. The admin asks these; ``workflow`` enforces them again, so a
tampered POST meets the same rule as the button that was never rendered."""

PUBLISH_PERMISSION = "articles.publish_article"


def is_editor(user) -> bool:
    return user.is_active and user.has_perm(PUBLISH_PERMISSION)


def is_own(user, article) -> bool:
    """Created it, or carries a byline on it (through the author profile linked to the login)."""
    if article.pk is None or article.created_by_id == user.pk:
        return True
    return article.bylines.filter(author__user=user).exists()


def can_edit(user, article) -> bool:
    """Editors edit anything. Writers edit their own pieces until they go out: once published,
    scheduled or withdrawn, an article changes only through an editor."""
    if not user.has_perm("articles.change_article"):
        return False
    if is_editor(user):
        return True
    return article.status in (article.Status.DRAFT, article.Status.REVIEW) and is_own(user, article)


def can_delete(user, article) -> bool:
    """Writers may throw away their own never-published drafts; anything that has been public is an
    editor's call (withdraw it instead of deleting, so links and history survive)."""
    if not user.has_perm("articles.delete_article"):
        return False
    return is_editor(user) or (article.first_published_at is None and can_edit(user, article))
