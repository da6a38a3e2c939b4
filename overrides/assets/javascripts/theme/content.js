/* Material for MkDocs 9.8.1, partials/javascripts/content.html (MIT licence), moved
   into a file (script-src 'self' alone): checks the content tab the address's
   #fragment names. Inside the page's container, so instant navigation loads it
   again (by its src) for each page it brings in. */
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"));
