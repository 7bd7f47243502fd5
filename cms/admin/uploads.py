"""Coordinators approve the documents and images presenters upload (cms.uploads):
one admin page lists what waits, each with an Approve button."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import TemplateView, View
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from .. import uploads
from ..permissions import can_approve_uploads


class CoordinatorOnly:
    def dispatch(self, request, *args, **kwargs):
        if not can_approve_uploads(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class UploadsWaitingView(CoordinatorOnly, WagtailAdminTemplateMixin, TemplateView):
    template_name = "cms/admin/uploads_waiting.html"
    page_title = "Uploads waiting for approval"
    header_icon = "doc-full-inverse"

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        documents, images = uploads.waiting_uploads()
        return super().get_context_data(documents=documents, images=images, **kwargs)


class ApproveUploadView(CoordinatorOnly, View):
    http_method_names = ["post"]

    def post(self, request, kind, pk):
        models = {"document": get_document_model(), "image": get_image_model()}
        if kind not in models:
            raise Http404
        item = get_object_or_404(models[kind], pk=pk)
        try:
            uploads.approve_upload(item, by=request.user)
        except uploads.UploadError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"“{item.title}” is approved and now public.")
        return redirect("cms_uploads_waiting")


class UploadsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_approve_uploads(request.user)


def uploads_menu_item():
    return UploadsMenuItem(
        "Uploads to approve",
        reverse("cms_uploads_waiting"),
        name="uploads-to-approve",
        icon_name="doc-full-inverse",
        order=260,
    )


class UploadsWaitingPanel(Component):
    """On the admin home page of coordinators, while anything waits."""

    name = "uploads_waiting"
    order = 90
    template_name = "cms/admin/uploads_waiting_panel.html"

    def __init__(self, count):
        self.count = count

    def get_context_data(self, parent_context):
        return {"count": self.count, "url": reverse("cms_uploads_waiting")}


def add_uploads_waiting_panel(request, panels):
    if can_approve_uploads(request.user):
        count = uploads.waiting_count()
        if count:
            panels.append(UploadsWaitingPanel(count))
