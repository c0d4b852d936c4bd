import os
from pathlib import Path

import pytest
from django.conf import settings


@pytest.fixture
def stored_files():
    """Every file under MEDIA_ROOT, as relative paths: what an upload left behind."""

    def files():
        root = Path(settings.MEDIA_ROOT)
        return {str(Path(folder, name).relative_to(root)) for folder, _, names in os.walk(root) for name in names}

    return files
