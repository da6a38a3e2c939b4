/* Material for MkDocs 9.8.1, partials/javascripts/content.html with content.tabs.link
   (MIT licence), moved into a file (script-src 'self' alone): selects the content
   tabs the reader chose on another page. */
var tabs=__md_get("__tabs");if(Array.isArray(tabs))e:for(var set of document.querySelectorAll(".tabbed-set")){var labels=set.querySelector(".tabbed-labels");for(var tab of tabs)for(var label of labels.getElementsByTagName("label"))if(label.innerText.trim()===tab){var input=document.getElementById(label.htmlFor);input.checked=!0;continue e}}
