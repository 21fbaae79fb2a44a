from ninja.renderers import JSONRenderer


class VietnameseJSON(JSONRenderer):
    """UTF-8 as is: "Sở Y tế", not "S\\u1edf Y t\\u1ebf" (readable in logs and curl)."""

    json_dumps_params = {"ensure_ascii": False}
