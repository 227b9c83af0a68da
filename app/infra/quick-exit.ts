// Quick exit and "leave nothing on this device": what the server and the browser share.

/** The default neutral page: a blank search page Praxis serves, naming nothing. */
export const NEUTRAL_PAGE_PATH = "/search";

/** Everything this site keeps in the browser: cookies, storage (IndexedDB, localStorage), caches. */
export const CLEAR_ALL_SITE_DATA = '"cache", "cookies", "storage"';

/** What a device is told to drop when its session is no longer valid (its cookie is replaced apart). */
export const CLEAR_SESSION_SITE_DATA = '"cache", "storage"';

/** localStorage flag: this member said this device is theirs, so the editor keeps offline copies. */
export const OWN_DEVICE_KEY = "praxis.ownDevice";

/** sessionStorage slot of the offline reading pack's key (this tab only; see app/islands/pack/key.ts). */
export const PACK_KEY_SLOT = "praxis.packKey";

/** IndexedDB databases of the editor's offline copies are named with this prefix. */
export const OFFLINE_DATABASE_PREFIX = "praxis:";

/**
 * The inline script on every page (a few hundred bytes, pages that ship no JavaScript too).
 * "Exit this page" and Escape pressed three times hide the page at once, forget what this site
 * kept in the browser, tell the server (keepalive, so it outlives the page) and replace the page
 * in history with the neutral one. On a page served without a session it also drops any offline
 * copy and the own-device flag a session left behind (a cookie that expired, a revoked session).
 * Storage is dropped again as the page goes, after the router has saved its scroll positions.
 */
export const QUICK_EXIT_SCRIPT = `(()=>{const d=document,f=d.getElementById("quick-exit");if(!f)return;
const s=f.querySelector("[aria-live]"),I=self.indexedDB,C=self.caches,
drop=a=>{try{a?(localStorage.clear(),sessionStorage.clear()):(localStorage.removeItem("${OWN_DEVICE_KEY}"),sessionStorage.removeItem("${PACK_KEY_SLOT}"))}catch{}
I&&I.databases&&I.databases().then(l=>l.forEach(b=>(a||b.name.startsWith("${OFFLINE_DATABASE_PREFIX}"))&&I.deleteDatabase(b.name)),()=>0);
a&&C&&C.keys().then(k=>k.forEach(c=>C.delete(c)),()=>0)},
go=()=>{d.documentElement.hidden=true;drop(1);addEventListener("pagehide",()=>drop(1));fetch(f.action,{method:"POST",keepalive:true,redirect:"manual"}).catch(()=>0);location.replace(f.dataset.to)};
if("signedOut"in f.dataset)drop(0);
f.addEventListener("submit",e=>{e.preventDefault();go()});
let n=0,t;addEventListener("keydown",e=>{if(e.key!=="Escape"||e.repeat)return;clearTimeout(t);
t=setTimeout(()=>{n=0;s.textContent=""},5e3);if(++n>2)return go();s.textContent=f.dataset["left"+n]},true)})()`;
