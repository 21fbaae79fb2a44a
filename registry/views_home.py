"""The home page's import: a filled Biểu đăng ký handed over without naming the registration.

``registry.home_import`` finds whose form it is and for which campaign; the page then shows the
registration page's own preview (``registry/io/_import_preview.html``), whose confirmation is the
registration page's (``registry:registration_import_confirm``): it applies the staged file and
opens the registration with the result.
"""

from django.shortcuts import render
from django.urls import reverse

from accounts.access import requires
from core.errors import DomainError
from registry import home_import, import_flow
from registry.views_io import UploadForm, preview_context
from uploads import staging

PERMISSION = "registry.import_form_file"


def upload_form(data=None, files=None) -> UploadForm:
    form = UploadForm(data, files, auto_id="id_home_%s")
    form.fields["file"].widget.attrs["aria-describedby"] = "home-import-help"
    return form


def upload_context(form: UploadForm | None = None) -> dict:
    """What the drop zone (``registry/io/_home_drop.html``) needs; the home page uses it too."""
    return {"import_form": form or upload_form(),
            "limit_mb": import_flow.upload_limit() // 1048576}


@requires(PERMISSION)
def form_file_import(request):
    """GET: the drop zone on a page of its own. POST: the file → its preview, or the page again
    with the reason the file was refused (nothing changed)."""
    form = upload_form(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        refusal = import_flow.size_refusal(upload.size)
        if refusal:
            form.add_error("file", refusal)
        else:
            try:
                found = home_import.preview_from_file(name=upload.name, data=upload.read(),
                                                      acting_user=request.user)
            except (DomainError, staging.StagingFull) as refused:
                form.add_error("file", refused.message)
            else:
                context = preview_context(found.registration, found.preview, found.name)
                context.update(token=found.token, started=found.started,
                               campaign=found.registration.campaign, again_url=reverse("home"))
                return render(request, "registry/io/home_preview.html", context)
    return render(request, "registry/io/home_import.html", upload_context(form))
