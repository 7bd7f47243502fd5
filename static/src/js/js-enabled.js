// GOV.UK Frontend's "js-enabled" class, set as the body opens, before anything is
// painted. A file rather than an inline script: no page needs a CSP nonce, so a
// public page served from the cache (cms/page_cache.py) keeps working under the policy.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
