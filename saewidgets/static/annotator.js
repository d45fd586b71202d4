var h=`/* Shared look of every saewidgets widget (scoped under .sw-root). Follows JupyterLab's theme
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
  position: fixed;
  z-index: 10000;
  min-width: 160px;
  max-width: 360px;
  padding: 6px 8px;
  border: 1px solid var(--jp-border-color2, #d0d7de);
  border-radius: 4px;
  background: var(--jp-layout-color1, #fff);
  box-shadow: 0 2px 8px rgba(0, 0, 0, 0.15);
  pointer-events: none;
  /* appended to <body>, outside .sw-root: name the font, or a page's default (serif) shows */
  font-family: var(--jp-ui-font-family, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
  font-size: 12px;
  color: var(--jp-ui-font-color1, #1f2328);
}
.sw-tip table { border-collapse: collapse; }
.sw-tip td { padding: 0 4px 0 0; white-space: nowrap; }
.sw-tip td.sw-num { padding-left: 16px; text-align: right; font-variant-numeric: tabular-nums; }
.sw-tip-head { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; margin-bottom: 2px; }
.sw-tip h4 { margin: 4px 0 2px; font-size: 11px; font-weight: 600; }
`;async function y(e,t,o){let r=t.get(o);if(r==null)return null;if(e===void 0)throw new Error("this widget is composed of child widgets and needs anywidget 0.11 or later in the front end");let[n,i]=await Promise.all([e.getModel(String(r)),e.getWidget(String(r))]);return{model:n,mount:d=>i.render({el:d})}}var T={float32:Float32Array,float64:Float64Array,int8:Int8Array,int16:Int16Array,int32:Int32Array,uint8:Uint8Array,uint16:Uint16Array,uint32:Uint32Array};function g(e){let t=T[e.dtype];if(t===void 0)throw new Error(`unsupported dtype ${String(e.dtype)}`);let o=e.shape.reduce((d,f)=>d*f,1),r=e.data instanceof ArrayBuffer?new Uint8Array(e.data):new Uint8Array(e.data.buffer,e.data.byteOffset,e.data.byteLength);if(r.byteLength!==o*t.BYTES_PER_ELEMENT)throw new Error(`array of shape [${e.shape.join(", ")}] ${e.dtype} needs ${o*t.BYTES_PER_ELEMENT} bytes, got ${r.byteLength}`);let n=r.byteOffset%t.BYTES_PER_ELEMENT===0?r:new Uint8Array(r.slice()),i=n.buffer;return{data:new t(i,n.byteOffset,o),shape:e.shape}}function s(e,t={},...o){let r=document.createElement(e);t.class!==void 0&&(r.className=t.class),t.title!==void 0&&(r.title=t.title);for(let[n,i]of Object.entries(t.attrs??{}))r.setAttribute(n,i);for(let n of o)n==null||n===!1||r.append(typeof n=="string"?document.createTextNode(n):n);return r}function w(e,t){e.append(s("style",{},t))}function m(){let e=s("div",{class:"sw-error",attrs:{role:"alert"}});return e.hidden=!0,{el:e,show(t){e.textContent=t,e.hidden=t===""}}}function b(e,t,o){let r=t.find(n=>/\s/.test(n));if(r!==void 0)throw new Error(`one event per name, got "${r}"`);for(let n of t)e.on(n,o);return()=>{for(let n of t)e.off(n,o)}}var C=`
.sw-annotator-head { font-size: 12px; margin-bottom: 4px; }
.sw-annotator-head .sw-progress { font-variant-numeric: tabular-nums; }
.sw-annotator-head .sw-keys { font-size: 11px; }
`;async function k({model:e,el:t,host:o}){let r=s("div",{class:"sw-root sw-annotator-tool"});w(r,h+C);let n=m(),i=s("span",{class:"sw-progress",attrs:{"data-testid":"progress"}}),d=s("span",{class:"sw-muted sw-keys"}),f=s("div",{});r.append(n.el,s("div",{class:"sw-annotator-head"},i," \xB7 ",d),f),t.replaceChildren(r);let l;try{let a=await y(o,e,"card");if(a===null)throw new Error("the Annotator has no card widget");await a.mount(f),l=a.model}catch(a){return n.show(a instanceof Error?a.message:String(a)),()=>{}}let x=l.get("statuses")??[];d.textContent=`j/k or \u2190/\u2192 move \xB7 1\u2013${x.length} status \xB7 l or Enter label \xB7 a accept the LLM explanation \xB7 Esc leave the box`;let p=()=>{let a=Array.from(g(e.get("queue")).data,Number),u=a.indexOf(Number(l.get("feature"))),A=Number(e.get("reviewed")),E=u>=0?`#${u+1} of ${a.length}`:"not in the queue";i.textContent=`${A} / ${a.length} reviewed \xB7 ${E}`},c=()=>n.show(String(e.get("error")??"")),v=b(e,["change:queue","change:reviewed"],p);return e.on("change:error",c),l.on("change:feature",p),c(),p(),()=>{v(),e.off("change:error",c),l.off("change:feature",p)}}var z={render:k};export{z as default};
