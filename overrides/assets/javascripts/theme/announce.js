/* Material for MkDocs 9.8.1, partials/javascripts/announce.html (MIT licence), moved
   into a file (script-src 'self' alone): hides an announcement the reader dismissed. */
var el=document.querySelector("[data-md-component=announce]");if(el){var content=el.querySelector(".md-typeset");__md_hash(content.innerHTML)===__md_get("__announce")&&(el.hidden=!0)}
