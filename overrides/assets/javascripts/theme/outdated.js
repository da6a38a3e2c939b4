/* Material for MkDocs 9.8.1, partials/javascripts/outdated.html (MIT licence), moved
   into a file (script-src 'self' alone); base_url comes from the tag's data-md-base. */
var el=document.querySelector("[data-md-component=outdated]"),base=new URL(document.currentScript.getAttribute("data-md-base"),location),outdated=__md_get("__outdated",sessionStorage,base);!0===outdated&&el&&(el.hidden=!1);
