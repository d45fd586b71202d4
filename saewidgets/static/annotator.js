var V=`/* Shared look of every saewidgets widget (scoped under .sw-root). Follows JupyterLab's theme
   variables where they exist, with light fallbacks for standalone exports. */
.sw-root {
  position: relative;
  font-family: var(--jp-ui-font-family, system-ui, -apple-system, "Segoe UI", sans-serif);
  font-size: var(--jp-ui-font-size1, 13px);
  color: var(--jp-ui-font-color1, #1f2328);
  line-height: 1.5;
}
.sw-root * { box-sizing: border-box; }
.sw-error {
  margin: 4px 0;
  padding: 6px 10px;
  border-left: 3px solid #d1242f;
  background: rgba(209, 36, 47, 0.08);
  color: var(--jp-error-color1, #b3141f);
  white-space: pre-wrap;
  font-family: var(--jp-code-font-family, ui-monospace, monospace);
  font-size: 12px;
}
.sw-muted { color: var(--jp-ui-font-color2, #656d76); }
.sw-chip {
  display: inline-flex;
  align-items: center;
  gap: 4px;
  padding: 1px 8px;
  border: 1px solid var(--jp-border-color2, #d0d7de);
  border-radius: 10px;
  background: transparent;
  color: inherit;
  font: inherit;
  cursor: pointer;
}
.sw-chip[aria-pressed="true"] { border-color: var(--jp-brand-color1, #0969da); font-weight: 600; }
.sw-swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; }
.sw-tip {
  position: absolute;
  z-index: 10;
  min-width: 160px;
  max-width: 360px;
  padding: 6px 8px;
  border: 1px solid var(--jp-border-color2, #d0d7de);
  border-radius: 4px;
  background: var(--jp-layout-color1, #fff);
  box-shadow: 0 2px 8px rgba(0, 0, 0, 0.15);
  pointer-events: none;
  font-size: 12px;
}
.sw-tip table { border-collapse: collapse; }
.sw-tip td { padding: 0 4px 0 0; white-space: nowrap; }
.sw-tip td.sw-num { padding-left: 16px; text-align: right; font-variant-numeric: tabular-nums; }
.sw-tip-head { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; margin-bottom: 2px; }
.sw-tip h4 { margin: 4px 0 2px; font-size: 11px; font-weight: 600; }
`;function o(t,e={},...r){let n=document.createElement(t);e.class!==void 0&&(n.className=e.class),e.title!==void 0&&(n.title=e.title);for(let[s,a]of Object.entries(e.attrs??{}))n.setAttribute(s,a);for(let s of r)s==null||s===!1||n.append(typeof s=="string"?document.createTextNode(s):s);return n}function X(t,e){t.append(o("style",{},e))}function Y(){let t=o("div",{class:"sw-error",attrs:{role:"alert"}});return t.hidden=!0,{el:t,show(e){t.textContent=e,t.hidden=e===""}}}function J(t){let e=o("div",{class:"sw-tip",attrs:{role:"tooltip"}});return e.hidden=!0,t.append(e),{el:e,show(r,n){e.replaceChildren(n),e.hidden=!1;let s=r.getBoundingClientRect(),a=t.getBoundingClientRect(),i=Math.min(s.left-a.left,Math.max(0,a.width-e.offsetWidth));e.style.left=`${Math.max(0,i)}px`,e.style.top=`${s.bottom-a.top+4}px`},hide(){e.hidden=!0}}}var St={float32:Float32Array,float64:Float64Array,int8:Int8Array,int16:Int16Array,int32:Int32Array,uint8:Uint8Array,uint16:Uint16Array,uint32:Uint32Array};function b(t){let e=St[t.dtype];if(e===void 0)throw new Error(`unsupported dtype ${String(t.dtype)}`);let r=t.shape.reduce((i,c)=>i*c,1),n=t.data instanceof ArrayBuffer?new Uint8Array(t.data):new Uint8Array(t.data.buffer,t.data.byteOffset,t.data.byteLength);if(n.byteLength!==r*e.BYTES_PER_ELEMENT)throw new Error(`array of shape [${t.shape.join(", ")}] ${t.dtype} needs ${r*e.BYTES_PER_ELEMENT} bytes, got ${n.byteLength}`);let s=n.byteOffset%e.BYTES_PER_ELEMENT===0?n:new Uint8Array(n.slice()),a=s.buffer;return{data:new e(a,s.byteOffset,r),shape:t.shape}}function Q(t,e,r){e.forEach((n,s)=>{if(n.length===0)throw new Error("empty buffer path");let a=t;for(let i of n.slice(0,-1))a=a[i];a[n[n.length-1]]=r[s]})}var Tt=12e4;async function H(t,e,r,n=Tt){let[s,a]=await t(e,r,{signal:AbortSignal.timeout(n)}),i=s??{};if(i.error!==void 0)throw new Error(String(i.error));let c={value:i.value};return Q(c,(i.buffer_paths??[]).map(d=>["value",...d]),a),c.value}var Z=`/* FeatureCard and Annotator (scoped under .sw-card). */
.sw-card { container-type: inline-size; outline: none; }
.sw-card:focus-visible { box-shadow: 0 0 0 2px var(--jp-brand-color1, #0969da) inset; border-radius: 4px; }
.sw-card.sw-loading .sw-card-body, .sw-card.sw-loading .sw-card-stats { opacity: 0.55; }
.sw-card-head { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
.sw-card-title { margin: 0; font-size: 16px; font-weight: 600; }
.sw-fname { display: inline-flex; gap: 6px; align-items: baseline; min-width: 0; }
.sw-fid { font-variant-numeric: tabular-nums; }
.sw-flabel { font-weight: 500; color: var(--jp-brand-color1, #0969da); overflow-wrap: anywhere; }
.sw-nav {
  width: 26px; height: 26px; border-radius: 50%; font-size: 16px; line-height: 1; cursor: pointer;
  border: 1px solid var(--jp-border-color2, #d0d7de); background: transparent; color: inherit;
}
.sw-nav:disabled { opacity: 0.35; cursor: default; }
.sw-flags { display: inline-flex; gap: 4px; }
.sw-flag { padding: 0 6px; border-radius: 8px; font-size: 11px; font-weight: 600; color: #fff; }
.sw-flag-dead { background: #6e7781; }
.sw-flag-ultra-rare { background: #8250df; }
.sw-flag-dense { background: #bc4c00; }
.sw-card-extra { margin-left: auto; }
.sw-card-source { font-size: 11px; margin: 2px 0 6px; }
.sw-card-notice { padding: 6px 10px; border: 1px dashed var(--jp-border-color2, #d0d7de); margin: 6px 0; }
.sw-card-stats { display: flex; flex-wrap: wrap; gap: 6px 18px; margin: 4px 0 10px; }
.sw-stat { display: flex; flex-direction: column; }
.sw-stat-name { font-size: 11px; color: var(--jp-ui-font-color2, #656d76); }
.sw-stat-value { font-size: 15px; font-variant-numeric: tabular-nums; }
.sw-card-body { display: grid; grid-template-columns: minmax(0, 1fr) 320px; gap: 16px; }
@container (max-width: 720px) { .sw-card-body { grid-template-columns: minmax(0, 1fr); } }
.sw-card-main { min-width: 0; }
.sw-card h4 { margin: 8px 0 2px; font-size: 12px; font-weight: 600; }
.sw-section-title { text-transform: uppercase; letter-spacing: 0.04em; color: var(--jp-ui-font-color2, #656d76); }
.sw-group { margin-bottom: 6px; }
.sw-group h4 { font-weight: 500; color: var(--jp-ui-font-color2, #656d76); }
.sw-group-top h4 { font-weight: 600; color: inherit; }
.sw-card .sw-example { line-height: 1.6; border-bottom: 1px solid var(--jp-border-color3, #eef0f2); }
.sw-card .sw-example .sw-tok { cursor: default; }
.sw-hist canvas { display: block; }
.sw-hist-axis { display: flex; justify-content: space-between; width: 300px; font-size: 11px; }
.sw-log { float: right; font-size: 11px; }
.sw-note { font-size: 11px; font-style: italic; }
.sw-logit-tables { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; margin-bottom: 4px; }
.sw-logits { border-collapse: collapse; font-size: 12px; width: 100%; }
.sw-logits caption { text-align: left; font-weight: 600; font-size: 11px; }
.sw-logits td { padding: 0 4px; }
.sw-logit-tok { font-family: var(--jp-code-font-family, ui-monospace, monospace); white-space: pre; max-width: 100px; overflow: hidden; text-overflow: ellipsis; }
.sw-pos .sw-num { color: #1a7f37; text-align: right; }
.sw-neg .sw-num { color: #cf222e; text-align: right; }
.sw-nb-list { list-style: none; margin: 0; padding: 0; }
.sw-nb {
  display: flex; justify-content: space-between; gap: 8px; width: 100%; padding: 1px 4px;
  border: none; background: transparent; color: inherit; font: inherit; text-align: left; cursor: pointer;
}
.sw-nb:hover:not(:disabled) { background: var(--jp-layout-color2, #eef0f2); }
.sw-nb:disabled { cursor: default; opacity: 0.6; }
.sw-nb .sw-fname { overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
.sw-nb .sw-num { font-variant-numeric: tabular-nums; white-space: nowrap; }
.sw-nb-missing { font-size: 11px; }
.sw-form { display: flex; flex-direction: column; gap: 4px; }
.sw-form input, .sw-form textarea {
  font: inherit; color: inherit; background: var(--jp-layout-color1, #fff);
  border: 1px solid var(--jp-border-color2, #d0d7de); border-radius: 4px; padding: 2px 6px;
}
.sw-status-row { display: flex; flex-wrap: wrap; gap: 3px; }
.sw-status-row .sw-chip { font-size: 11px; }
.sw-status-row .sw-chip[aria-checked="true"] { border-color: var(--jp-brand-color1, #0969da); background: rgba(9, 105, 218, 0.12); font-weight: 600; }
.sw-saved { font-size: 11px; min-height: 1.2em; color: var(--jp-ui-font-color2, #656d76); }
.sw-saved[data-state="saved"] { color: #1a7f37; }
.sw-saved[data-state="error"] { color: #cf222e; }
.sw-ro-row { font-size: 12px; }
.sw-ro-note { font-size: 12px; white-space: pre-wrap; }
.sw-progress { font-size: 12px; font-variant-numeric: tabular-nums; }
.sw-annotator .sw-card-form { margin-bottom: 8px; }
.sw-annotator .sw-card-form .sw-form { display: grid; grid-template-columns: 2fr 3fr; gap: 4px 8px; }
.sw-annotator .sw-card-form .sw-form > textarea, .sw-annotator .sw-card-form .sw-saved { grid-column: 1 / -1; }
.sw-keys { font-size: 11px; }
`;function $t(t){let e=b(t.value).data;if(t.index===void 0){if(e.length!==t.n)throw new Error(`expected ${t.n} values, got ${e.length}`);return Float32Array.from(e)}let r=b(t.index).data;if(r.length!==e.length)throw new Error("sparse index and values differ in length");let n=new Float32Array(t.n);for(let s=0;s<r.length;s++){if(r[s]>=t.n)throw new Error(`sparse index ${r[s]} out of range ${t.n}`);n[r[s]]=e[s]}return n}function tt(t){let e=b(t.tok).data,r=$t(t.acts),n=b(t.length).data,s=b(t.max_index).data,a=b(t.group).data,i=b(t.seq).data,c=b(t.pos).data;if(e.length!==r.length)throw new Error(`${e.length} tokens but ${r.length} acts`);let d=new Map;for(let p of t.intervals)d.set(p.interval,{...p,examples:[]});let u=0;for(let p=0;p<n.length;p++){let g=n[p];if(u+g>e.length)throw new Error("example lengths exceed the token array");let k=Array.from(e.subarray(u,u+g),v=>{let T=t.strings[v];if(T===void 0)throw new Error(`token index ${v} is not in the string table`);return T}),E=a[p];d.has(E)||d.set(E,{interval:E,lo:NaN,hi:NaN,n:0,examples:[]}),d.get(E)?.examples.push({tokens:k,acts:r.subarray(u,u+g),maxIndex:s[p],seq:i[p],pos:c[p]}),u+=g}if(u!==e.length)throw new Error("example lengths do not cover the token array");let f=p=>p.interval===-1?1/0:p.interval;return[...d.values()].sort((p,g)=>f(g)-f(p))}function et(t){if(t.feature===void 0||t.value===void 0)return[];let e=b(t.feature).data,r=b(t.value).data,n=t.count===void 0?null:b(t.count).data;return Array.from(e,(s,a)=>({feature:s,value:r[a],count:n===null?null:n[a]}))}function W(t){return t===void 0?null:b(t)}function nt(t){return[...new Set(t.split(",").map(e=>e.trim()).filter(e=>e!==""))]}function rt(t){let e=[];return t.dead&&e.push("dead"),t.ultra_rare&&e.push("ultra-rare"),t.dense&&e.push("dense"),e}var _t=600,ot={label:"",status:"unreviewed",tags:[],note:""};function Mt(){let t=o("div",{class:"sw-form sw-form-ro",attrs:{"data-testid":"annotation"}});return{el:t,fill(e){let r=e??ot;t.replaceChildren(o("div",{class:"sw-ro-row"},o("span",{class:"sw-muted"},"label "),o("span",{class:"sw-ro-label"},r.label||"\u2013")),o("div",{class:"sw-ro-row"},o("span",{class:"sw-muted"},"status "),o("span",{class:"sw-ro-status"},r.status)),o("div",{class:"sw-ro-row"},o("span",{class:"sw-muted"},"tags "),o("span",{},r.tags.join(", ")||"\u2013"))),r.note&&t.append(o("div",{class:"sw-ro-note"},r.note))},flush:async()=>{},setStatus:async()=>{},focusLabel(){}}}function at(t,e,r){if(!t)return Mt();let n=o("input",{class:"sw-in-label",attrs:{type:"text",placeholder:"label (l or Enter)","aria-label":"label","data-testid":"label"}}),s=o("input",{attrs:{type:"text",placeholder:"tags, comma-separated","aria-label":"tags","data-testid":"tags"}}),a=o("textarea",{attrs:{placeholder:"note","aria-label":"note",rows:"2","data-testid":"note"}}),i=o("span",{class:"sw-saved",attrs:{"data-testid":"saved","aria-live":"polite"}}),c=o("div",{class:"sw-status-row",attrs:{role:"radiogroup","aria-label":"status"}}),d=e.map((h,w)=>{let m=o("button",{class:"sw-chip",attrs:{type:"button",role:"radio","data-status":h}},`${w+1} ${h}`);return m.addEventListener("click",()=>void $(h)),c.append(m),m}),u=o("div",{class:"sw-form",attrs:{"data-testid":"annotation"}},n,c,s,a,i),f=-1,p={},g,k=Promise.resolve(),E=h=>d.forEach(w=>w.setAttribute("aria-checked",String(w.dataset.status===h))),v=(h,w)=>{i.textContent=h,i.dataset.state=w},T=(h,w)=>(v("saving\u2026","saving"),k=k.then(async()=>{try{let m=await r(w,h);w===f&&E(m.status),v(`saved ${new Date().toLocaleTimeString()}`,"saved")}catch(m){v(`not saved: ${m instanceof Error?m.message:String(m)}`,"error")}}),k),S=()=>{clearTimeout(g);let h=p;return p={},Object.keys(h).length===0?k:T(h,f)},L=h=>{p={...p,...h},v("editing\u2026","editing"),clearTimeout(g),g=setTimeout(()=>void S(),_t)},$=h=>(E(h),p={...p,status:h},S());n.addEventListener("input",()=>L({label:n.value})),s.addEventListener("input",()=>L({tags:nt(s.value)})),a.addEventListener("input",()=>L({note:a.value}));for(let h of[n,s,a])h.addEventListener("change",()=>void S());return n.addEventListener("keydown",h=>{h.key==="Enter"&&S()}),{el:u,fill(h,w){w!==f&&(S(),v("","")),f=w;let m=h??ot;n.value=m.label,s.value=m.tags.join(", "),a.value=m.note,E(m.status)},flush:S,setStatus:$,focusLabel(){n.focus(),n.select()}}}function st(t){let e=/^#([0-9a-f]{6})$/i.exec(t);if(e===null)throw new Error(`not a #rrggbb colour: ${t}`);let r=parseInt(e[1],16);return[r>>16&255,r>>8&255,r&255]}function Pt(t,e){return!(e>0)||!(t>0)?0:Math.min(1,t/e)}function Nt(t,e){return Math.round(.85*Pt(t,e)*1e3)/1e3}function it(t,e,r){let n=Nt(e,r);return n===0?"transparent":`rgba(${t[0]}, ${t[1]}, ${t[2]}, ${n})`}function x(t){if(Number.isNaN(t))return"NaN";if(!Number.isFinite(t))return t>0?"\u221E":"\u2212\u221E";if(t===0)return"0";let e=Math.abs(t);if(e<.001||e>=1e6)return t.toExponential(2).replace("-","\u2212");let r=Math.max(0,2-Math.floor(Math.log10(e)));return t.toFixed(r).replace("-","\u2212")}function lt(t){return t===0?"0%":`${x(t*100)}%`}function Ct(t){let e=t.charCodeAt(0);return e===127?"\u2421":String.fromCharCode(9216+e)}function z(t){if(t.length===0)return[{kind:"mark",text:"\u2205"}];if(/^ +$/.test(t))return[{kind:"mark",text:"\xB7".repeat(t.length)}];let e=[],r=(n,s)=>{let a=e[e.length-1];a!==void 0&&a.kind===n&&n!=="break"?a.text+=s:e.push({kind:n,text:s})};for(let n of t)n===`
`?(r("mark","\u21B5"),r("break",`
`)):n==="	"?r("mark","\u2192"):n==="\r"?r("mark","\u240D"):/[\u0000-\u001f\u007f]/.test(n)?r("mark",Ct(n)):r("text",n);return e}function F(t){return z(t).filter(e=>e.kind!=="break").map(e=>e.text).join("")}function jt(t){return t.map(e=>z(e).filter(r=>r.kind!=="break").map(r=>r.text).join(""))}function dt(t,e,r){if(t.acts.length!==t.tokens.length)throw new Error(`${t.tokens.length} tokens but ${t.acts.length} activations`);let n=o("div",{class:"sw-example"});return jt(t.tokens).forEach((s,a)=>{let i=t.acts[a],c=o("span",{class:a===t.maxIndex?"sw-tok sw-max":"sw-tok",title:`${F(t.tokens[a])}: ${x(i)}`});c.textContent=s,c.style.background=it(e,i,r),n.append(c)}),n}function ct(t,e,r){if(t.length!==e.length+1)throw new Error(`histogram needs ${e.length+1} edges for ${e.length} bins`);if(e.length===0)return[];let n=t[0],s=t[t.length-1]-n||1,a=u=>r.log?Math.log10(1+u):u,i=0;for(let u=0;u<e.length;u++)i=Math.max(i,a(e[u]));let c=r.gap??1,d=[];for(let u=0;u<e.length;u++){let f=(t[u]-n)/s*r.width,p=(t[u+1]-n)/s*r.width,g=i>0?a(e[u])/i*r.height:0;d.push({x:f,y:r.height-g,width:Math.max(.5,p-f-c),height:g,count:e[u],lo:t[u],hi:t[u+1]})}return d}function ut(t,e){return t.find(r=>e>=r.x&&e<r.x+r.width+1)??null}function pt(t,e,r,n){let s=globalThis.devicePixelRatio||1;t.width=Math.round(r.width*s),t.height=Math.round(r.height*s),t.style.width=`${r.width}px`,t.style.height=`${r.height}px`;let a=t.getContext("2d");if(a===null)throw new Error("canvas 2D context unavailable");a.setTransform(s,0,0,s,0,0),a.clearRect(0,0,r.width,r.height),a.fillStyle=n;for(let i of e)a.fillRect(i.x,i.y,i.width,i.height)}var mt="#e4572e",Ft={width:300,height:72};function I(t,e){let r=e[String(t)];return o("span",{class:"sw-fname"},o("span",{class:"sw-fid"},`#${t}`),r?o("span",{class:"sw-flabel"},r):null)}var Bt=[["density","density",lt],["count","count",t=>t.toLocaleString("en-US")],["max_act","max act",x],["mean_act","mean act",x],["enc_bias","enc bias",x],["de_projection","D/E projection",x]],Rt={density:"fraction of harvested tokens on which the feature fires",count:"number of harvested tokens on which the feature fires",max_act:"largest activation seen",mean_act:"mean of the non-zero activations",enc_bias:"encoder bias of the feature",de_projection:"cosine between the feature's encoder column and decoder row"};function gt(t){let e=o("div",{class:"sw-card-stats",attrs:{"data-testid":"stats"}});for(let[r,n,s]of Bt){let a=t[r],i=o("div",{class:"sw-stat",title:Rt[r]??"",attrs:{"data-stat":r}},o("span",{class:"sw-stat-name"},n),o("span",{class:"sw-stat-value"},typeof a=="number"?s(a):"\u2013"));typeof a=="number"&&(i.dataset.value=String(a)),e.append(i)}return e}function ht(t){return rt(t).map(e=>o("span",{class:`sw-flag sw-flag-${e}`},e))}function Ht(t,e){if(t.interval===-1){let n=typeof e=="number"?` of ${e.toLocaleString("en-US")}`:"";return`Top ${t.examples.length}${n} activations`}let r=t.n.toLocaleString("en-US");return`Interval ${x(t.lo)} \u2013 ${x(t.hi)} \xB7 ${r} activations`}function wt(t,e){let r=tt(t.examples),n=t.stats.max_act??0,s=st(mt),a=o("div",{class:"sw-card-examples",attrs:{"data-testid":"examples"}});if(r.length===0||r.every(i=>i.examples.length===0))return a.append(o("div",{class:"sw-muted"},"This feature never fired on the harvested tokens.")),a;for(let i of r){let c=o("section",{class:i.interval===-1?"sw-group sw-group-top":"sw-group",attrs:{"data-interval":String(i.interval)}});c.append(o("h4",{},Ht(i,t.stats.count)));for(let d of i.examples){let u=dt(d,s,n);u.querySelectorAll(".sw-tok").forEach((f,p)=>{f.dataset.tip=f.title,f.dataset.value=String(d.acts[p]),f.removeAttribute("title")}),u.dataset.seq=String(d.seq),u.dataset.pos=String(d.pos),c.append(u)}a.append(c)}return a.addEventListener("mouseover",i=>{let c=i.target instanceof Element?i.target.closest(".sw-tok"):null,d=c?.closest(".sw-example");!c||!d||e.show(c,o("div",{},o("div",{class:"sw-tip-head"},o("b",{},c.dataset.tip??"")),o("div",{class:"sw-muted"},`sequence ${d.dataset.seq}, max at position ${d.dataset.pos}`)))}),a.addEventListener("mouseleave",()=>e.hide()),a}function U(t,e,r,n,s){let a=b(t).data,i=b(e).data,c=o("div",{class:"sw-hist"});if(i.length===0)return c.append(o("div",{class:"sw-muted"},"no non-zero values")),c;let d=o("canvas",{attrs:{role:"img"}}),u={...Ft,log:r},f=ct(a,i,u);d.setAttribute("aria-label",`histogram of ${i.length} bins`);try{pt(d,f,u,mt)}catch{}return d.addEventListener("mousemove",p=>{let g=ut(f,p.offsetX);if(g===null)return n.hide();n.show(d,o("div",{},`${x(g.lo)} \u2013 ${x(g.hi)}: ${g.count.toLocaleString("en-US")} ${s}`))}),d.addEventListener("mouseleave",()=>n.hide()),c.append(d,o("div",{class:"sw-hist-axis sw-muted"},o("span",{},x(a[0])),o("span",{},x(a[a.length-1])))),c}function ft(t,e,r,n){let s=o("table",{class:`sw-logits ${n}`},o("caption",{},t));return e.forEach((a,i)=>s.append(o("tr",{},o("td",{class:"sw-logit-tok"},F(a)),o("td",{class:"sw-num"},x(r[i]))))),s}function bt(t,e,r){let n=t.logits,s=o("div",{class:"sw-card-logits",attrs:{"data-testid":"logits"}});if(s.append(o("div",{class:"sw-muted sw-note"},"direct path, final layer norm ignored")),n.error!==void 0)return s.append(o("div",{class:"sw-muted"},n.error)),s;let a=W(n.top_values),i=W(n.bottom_values);return s.append(o("div",{class:"sw-logit-tables"},ft("Positive",n.top_tokens??[],a?.data??[],"sw-pos"),ft("Negative",n.bottom_tokens??[],i?.data??[],"sw-neg"))),n.hist_edges!==void 0&&n.hist_counts!==void 0&&s.append(U(n.hist_edges,n.hist_counts,e,r,"tokens")),s}var Wt={cosine:"Decoder cosine",cooccurrence:"Co-occurrence (lift \xB7 tokens together)",output:"Output similarity"};function xt(t){let e=new Set(t.missing),r=o("div",{class:"sw-card-neighbours",attrs:{"data-testid":"neighbours"}});for(let[n,s]of Object.entries(t.neighbours)){let a=o("ol",{class:"sw-nb-list",attrs:{"data-kind":n}}),i=o("section",{},o("h4",{},Wt[n]??n),a);s.error!==void 0&&a.append(o("li",{class:"sw-muted"},s.error));let c=et(s);s.error===void 0&&c.length===0&&a.append(o("li",{class:"sw-muted"},"none"));for(let d of c){let u=d.count===null?x(d.value):`${x(d.value)} \xB7 ${d.count.toLocaleString("en-US")}\xD7`,f=o("button",{class:"sw-nb",attrs:{type:"button","data-feature":String(d.feature)}},I(d.feature,t.labels),o("span",{class:"sw-num"},u));e.has(d.feature)&&(f.disabled=!0,f.title="not in this export",f.append(o("span",{class:"sw-muted sw-nb-missing"},"not exported"))),a.append(o("li",{},f))}r.append(i)}return r}var zt=new Set(["INPUT","TEXTAREA","SELECT"]);function It(t){return t instanceof Error?t.message:String(t)}function yt(t,e,r,n={}){let s=e.get("_standalone")===!0,a=e.get("editable")===!0&&!s,i=e.get("statuses")??[],c=o("div",{class:`sw-root sw-card ${n.className??""}`.trim(),attrs:{tabindex:"0","data-testid":"card"}});X(c,V+Z);let d=Y(),u=o("button",{class:"sw-nav",attrs:{type:"button","aria-label":"previous feature (k)","data-testid":"prev"}},"\u2039"),f=o("button",{class:"sw-nav",attrs:{type:"button","aria-label":"next feature (j)","data-testid":"next"}},"\u203A"),p=o("h3",{class:"sw-card-title",attrs:{"data-testid":"title"}}),g=o("span",{class:"sw-flags"}),k=o("div",{class:"sw-card-extra"}),E=o("div",{class:"sw-muted sw-card-source"},String(e.get("source")??"")),v=o("div",{}),T=o("div",{class:"sw-card-main"}),S=o("div",{}),L=o("div",{}),$=o("div",{}),h=o("input",{attrs:{type:"checkbox","aria-label":"log counts"}}),w=o("div",{class:"sw-card-notice sw-muted",attrs:{"data-testid":"notice"}});w.hidden=!0;let m=null,N=0,_=at(a,i,async(l,y)=>{let A=await H(r,"annotate",{feature:l,...y});if(m!==null&&m.feature===l){m.annotation=A.annotation;let P={...m.labels};A.annotation.label?P[String(l)]=A.annotation.label:delete P[String(l)],m.labels=P,O(m)}return A.annotation}),C=(l,...y)=>o("section",{class:"sw-card-section"},o("h4",{class:"sw-section-title"},l),...y),D=o("div",{class:"sw-card-side"},C("Activation histogram (non-zero)",o("label",{class:"sw-muted sw-log"},h," log counts"),S),C("Logit weights",L),C("Neighbours",$)),B=C("Annotation",_.el);B.classList.add("sw-card-form"),n.formFirst||D.append(B),c.append(d.el,o("div",{class:"sw-card-head"},u,p,g,f,k),E,w,v,o("div",{class:"sw-card-body"},T,D)),n.formFirst&&v.after(B),t.replaceChildren(c);let j=J(c);function O(l){p.replaceChildren("Feature ",I(l.feature,l.labels))}let q=l=>{let y=h.checked;S.replaceChildren(U(l.hist.edges,l.hist.counts,y,j,"activations")),L.replaceChildren(bt(l,y,j))},vt=l=>{O(l),g.replaceChildren(...ht(l.stats)),u.disabled=l.prev===null,f.disabled=l.next===null,v.replaceChildren(gt(l.stats)),T.replaceChildren(wt(l,j)),q(l),$.replaceChildren(xt(l)),_.fill(l.annotation,l.feature)},kt=async l=>{let y=++N;c.classList.add("sw-loading");try{let A=await H(r,"card",{feature:l});if(y!==N)return;vt(A),m=A,w.hidden=!0,d.show(String(e.get("error")??"")),n.onShow?.(A)}catch(A){if(y!==N)return;let P=It(A);s&&P.includes("needs a running Python kernel")?(w.textContent=`Feature ${l} is not in this export.`,w.hidden=!1):d.show(`Feature ${l}: ${P}`)}finally{y===N&&c.classList.remove("sw-loading")}},M=l=>{l!==null&&(j.hide(),_.flush(),e.set("feature",l),e.save_changes())},G={root:c,extra:k,form:_,payload:()=>m,go:M,destroy:Et};u.addEventListener("click",()=>M(m?.prev??null)),f.addEventListener("click",()=>M(m?.next??null)),h.addEventListener("change",()=>m&&q(m)),$.addEventListener("click",l=>{let y=l.target instanceof Element?l.target.closest(".sw-nb"):null;y&&!y.disabled&&M(Number(y.dataset.feature))}),c.addEventListener("keydown",l=>{let y=l.target;if(zt.has(y.tagName)){l.key==="Escape"&&(_.flush(),c.focus(),l.preventDefault());return}if(!(l.altKey||l.ctrlKey||l.metaKey)){if(n.onKey?.(l,G)){l.preventDefault();return}if(l.key==="j"||l.key==="ArrowRight")M(m?.next??null);else if(l.key==="k"||l.key==="ArrowLeft")M(m?.prev??null);else return;l.preventDefault()}});let R=()=>void kt(Number(e.get("feature"))),K=()=>d.show(String(e.get("error")??""));e.on("change:feature",R),e.on("change:error",K);function Et(){e.off("change:feature",R),e.off("change:error",K),_.flush()}return R(),G}function Ut({model:t,el:e,experimental:r}){let n=t.get("statuses")??[],s=(f,p)=>{let g=Number(f.key);return Number.isInteger(g)&&g>=1&&g<=n.length?(p.form.setStatus(n[g-1]),!0):f.key==="l"||f.key==="Enter"?(p.form.focusLabel(),!0):!1},a=yt(e,t,r.invoke,{onKey:s,className:"sw-annotator",formFirst:!0}),i=o("span",{class:"sw-progress",attrs:{"data-testid":"progress"}}),c=o("div",{class:"sw-muted sw-keys"},`j/k or \u2190/\u2192 move \xB7 1\u2013${n.length} status \xB7 l or Enter label \xB7 Esc leave the box`);a.extra.append(i),a.root.insertBefore(c,a.root.querySelector(".sw-card-notice"));let d=()=>{let f=b(t.get("queue")).data,p=Number(t.get("position")),g=Number(t.get("reviewed")),k=p>=0?`#${p+1} of ${f.length}`:"not in the queue";i.textContent=`${g} / ${f.length} reviewed \xB7 ${k}`},u="change:queue change:position change:reviewed";return t.on(u,d),d(),a.root.focus(),()=>{t.off(u,d),a.destroy()}}var _e={render:Ut};export{_e as default};
