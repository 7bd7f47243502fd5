"""Settings read from environment variables, as plain functions of a mapping so
tests can check each choice without reloading Django's settings.

Each feature switches on when its variable is present (see docs/deploy.md).
"""

from urllib.parse import urlsplit

FILE_SYSTEM_STORAGE = "django.core.files.storage.FileSystemStorage"
S3_STORAGE = "storages.backends.s3.S3Storage"


def media_storage(environ):
    """Uploads on local disk (MEDIA_ROOT), or in an S3-compatible bucket when
    AWS_STORAGE_BUCKET_NAME is set (needs the `s3` extra: django-storages).

    The bucket stays private: documents and certificates are only ever
    streamed through the portal's own views, which check who is asking. Only
    images may be public, by a bucket policy on the `images/` and
    `original_images/` prefixes, so their plain URLs (no signature) work.
    boto3 reads AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY itself.
    """
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME", "").strip()
    if not bucket:
        return {"BACKEND": FILE_SYSTEM_STORAGE}
    options = {
        "bucket_name": bucket,
        # Objects get no ACL of their own: the bucket's policy decides.
        "default_acl": None,
        "querystring_auth": False,
        # Wagtail relies on the storage finding a free name, never overwriting.
        "file_overwrite": False,
    }
    for option, variable in (
        ("endpoint_url", "AWS_S3_ENDPOINT_URL"),
        ("region_name", "AWS_S3_REGION_NAME"),
        ("custom_domain", "AWS_S3_CUSTOM_DOMAIN"),
    ):
        if environ.get(variable):
            options[option] = environ[variable]
    return {"BACKEND": S3_STORAGE, "OPTIONS": options}


def media_origin(environ):
    """Where images in the bucket are fetched from, for the Content Security
    Policy's img-src; None when media is on this site's own disk."""
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME", "").strip()
    if not bucket:
        return None
    if environ.get("AWS_S3_CUSTOM_DOMAIN"):
        return f"https://{environ['AWS_S3_CUSTOM_DOMAIN']}"
    if environ.get("AWS_S3_ENDPOINT_URL"):
        endpoint = urlsplit(environ["AWS_S3_ENDPOINT_URL"])
        return f"{endpoint.scheme}://{endpoint.netloc}"
    return f"https://{bucket}.s3.amazonaws.com"


def frontend_cache(environ):
    """Wagtail's front-end cache invalidation: each backend is switched on by its
    variables; publishing or unpublishing a page purges its address from each."""
    backends = {}
    if environ.get("CLOUDFLARE_ZONE_ID"):
        backends["cloudflare"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "ZONEID": environ["CLOUDFLARE_ZONE_ID"],
            "BEARER_TOKEN": environ.get("CLOUDFLARE_BEARER_TOKEN", ""),
        }
    if environ.get("CLOUDFRONT_DISTRIBUTION_ID"):
        # Uses boto3 (the `s3` extra) and the same AWS credentials.
        backends["cloudfront"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": environ["CLOUDFRONT_DISTRIBUTION_ID"],
        }
    if environ.get("FRONTEND_CACHE_PURGE_URL"):
        # Varnish, nginx or any cache that accepts HTTP PURGE requests.
        backends["http"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": environ["FRONTEND_CACHE_PURGE_URL"],
        }
    return backends


def retention_days(environ):
    """PORTAL_RETENTION_DAYS="pupil_free_text=730,closed_memberships=365" overrides
    the periods in portal.retention.DEFAULT_RETENTION_DAYS."""
    periods = {}
    for item in environ.get("PORTAL_RETENTION_DAYS", "").split(","):
        if item.strip():
            kind, _, days = item.partition("=")
            periods[kind.strip()] = int(days)
    return periods
