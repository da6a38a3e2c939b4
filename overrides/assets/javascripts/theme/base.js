/* Material for MkDocs 9.8.1, partials/javascripts/base.html (MIT licence), moved
   out of the page so that the Content Security Policy can be script-src 'self'
   alone: the helpers Material's bundle and the other theme scripts use. The
   scope (Material's config.extra.scope or base_url) comes from the data-md-scope
   attribute of this script's own tag (overrides/partials/javascripts/base.html). */
__md_scope=new URL(document.currentScript.getAttribute("data-md-scope")||".",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}};
/* Ours, not Material's: mark the document as scripted now, in the head, as
   Material's bundle and its focus-visible polyfill would at the end of the
   body. Each of their changes to <html> restyled every element of the page
   after its first paint (about 60-120 ms of a phone's main thread on
   /is-it-open/); made here, before the body exists, they cost nothing and
   the bundle's own calls change nothing. */
document.documentElement.classList.replace("no-js","js");document.documentElement.classList.add("js-focus-visible");document.documentElement.setAttribute("data-js-focus-visible","");
