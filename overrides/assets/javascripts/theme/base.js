/* Material for MkDocs 9.8.1, partials/javascripts/base.html (MIT licence), moved
   out of the page so that the Content Security Policy can be script-src 'self'
   alone: the helpers Material's bundle and the other theme scripts use. The
   scope (Material's config.extra.scope or base_url) comes from the data-md-scope
   attribute of this script's own tag (overrides/partials/javascripts/base.html). */
__md_scope=new URL(document.currentScript.getAttribute("data-md-scope")||".",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}};
