/** The one stylesheet of the legacy apps: plain, a little dated, and readable. */
export const STYLES = `
body{font:14px/1.4 Verdana,Arial,sans-serif;margin:0;background:#eef0f3;color:#222}
header{display:flex;gap:16px;align-items:center;background:#2b4a6f;color:#fff;padding:6px 12px}
header a{color:#dfe9f5;margin-right:10px} header a[aria-current]{color:#fff;font-weight:bold}
header form{margin-left:auto} main{padding:12px 18px;max-width:1100px}
h1{font-size:20px;margin:8px 0 12px} h2{font-size:16px}
table{border-collapse:collapse;background:#fff;margin:6px 0 12px;min-width:50%}
th,td{border:1px solid #c8ccd2;padding:4px 8px;text-align:left;vertical-align:top} thead th{background:#dde3ea}
.flash-ok,.xflash_ok_v2{background:#e3f4e1;border:1px solid #7bb274;padding:6px 10px;margin-bottom:10px}
.flash-error,.xflash_error_v2,.error,.xerror_v2{background:#fbe3e1;border:1px solid #cf6f66;padding:6px 10px;margin-bottom:10px}
.overlay,.xoverlay_v2{position:fixed;inset:0;background:rgba(0,0,0,.45);display:flex;align-items:center;justify-content:center;z-index:1000}
.overlay-box,.xoverlay_box_v2{background:#fff;padding:18px 24px;max-width:420px;border:2px solid #2b4a6f}
section,fieldset{background:#fff;border:1px solid #c8ccd2;padding:8px 14px;margin-bottom:12px}
label{display:inline-block;min-width:150px;vertical-align:top}
.actions > * + *,.xactions_v2 > * + *{margin-left:12px} input,select,textarea{font:inherit}
.layout-variant main{display:flex;flex-direction:column-reverse}
.layout-variant main > h1{order:1}
dialog{border:2px solid #2b4a6f;padding:16px 20px}
.pager,.xpager_v2{margin:8px 0} .pager a,.xpager_v2 a{margin:0 8px}
`;
