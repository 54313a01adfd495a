/* ASEAN column widget: <div data-asean-embed data-agency="CODE" data-limit="5" data-lang="vi"
   data-pillar="" data-theme="light"></div> + <script src="https://SERVICE/embed/asean.js" async></script>.
   Renders the column's latest articles inside a Shadow DOM (the host page's CSS cannot reach it), from
   https://SERVICE/embed/asean.json only: no cookies, no other request, no HTML from the network. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src) return;
  var base = new URL(script.src).origin;
  var LABELS = {
    vi: { more: "Xem tất cả bài viết", portal: "Từ cổng tỉnh", empty: "Chưa có bài viết.", error: "Không tải được danh sách bài viết." },
    en: { more: "All articles", portal: "From the portal", empty: "No articles yet.", error: "The list of articles could not be loaded." }
  };
  var CSS =
    ":host{all:initial;display:block;contain:content}" +
    ".w{box-sizing:border-box;padding:12px 14px;font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;" +
    "color:#1b2733;background:#fff;text-align:left;text-transform:none;letter-spacing:normal}" +
    ".w.dark{color:#e6edf3;background:#14212d}" +
    "h2{font-size:16px;font-weight:600;line-height:1.3;margin:0 0 6px;color:#0b3d6b}.dark h2{color:#9fd0ff}" +
    "ul{list-style:none;margin:0;padding:0}li{margin:0;padding:8px 0;border-top:1px solid #dde4ea;background:none}" +
    ".dark li{border-color:#2d3f50}a{color:#0b4f8a;text-decoration:none;font:inherit;font-weight:600}" +
    ".dark a{color:#8cc4ff}a:hover,a:focus{text-decoration:underline}" +
    ".m{font-size:12px;color:#5a6a79;margin-top:2px}.dark .m{color:#a8b7c5}" +
    ".p{display:inline-block;padding:0 6px;border-radius:8px;background:#e6f0fa;color:#0b3d6b}" +
    ".dark .p{background:#22384d;color:#cfe6ff}.more{display:inline-block;margin-top:8px;font-size:13px}";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function link(href, className, text) {
    var a = el("a", className, text);
    if (/^https?:\/\//.test(href)) a.href = href;
    a.target = "_blank";
    a.rel = "noopener";
    return a;
  }

  function style(root) {
    // Constructed sheets are not subject to the host page's style-src policy; <style> is the fallback.
    try {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      root.adoptedStyleSheets = [sheet];
    } catch (e) {
      root.appendChild(el("style", "", CSS));
    }
  }

  function formatDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || "");
    return m ? m[3] + "/" + m[2] + "/" + m[1] : "";
  }

  function render(host) {
    if (host.shadowRoot || host.getAttribute("data-asean-rendered")) return;
    host.setAttribute("data-asean-rendered", "");
    var data = host.dataset;
    var lang = data.lang === "en" ? "en" : "vi";
    var labels = LABELS[lang];
    var params = new URLSearchParams({ agency: data.agency || "portal", limit: data.limit || "5", lang: lang });
    if (data.pillar) params.set("pillar", data.pillar);
    var root = host.attachShadow({ mode: "open" });
    style(root);
    var box = el("div", "w" + (data.theme === "dark" ? " dark" : ""));
    box.setAttribute("lang", lang);
    root.appendChild(box);
    fetch(base + "/embed/asean.json?" + params.toString(), {
      credentials: "omit",
      mode: "cors",
      referrerPolicy: "strict-origin"
    })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (payload) {
        var heading = el("h2");
        heading.appendChild(link(payload.column.url, "", payload.column.title));
        box.appendChild(heading);
        if (!payload.items.length) box.appendChild(el("p", "m", labels.empty));
        var list = el("ul");
        payload.items.forEach(function (item) {
          var li = el("li");
          li.appendChild(link(item.url, "", item.title));
          var meta = el("div", "m");
          var time = el("time", "", formatDate(item.date));
          time.setAttribute("datetime", item.date);
          meta.appendChild(time);
          meta.appendChild(document.createTextNode(" · " + item.pillar.name));
          if (item.from_portal) {
            meta.appendChild(document.createTextNode(" · "));
            meta.appendChild(el("span", "p", labels.portal));
          }
          li.appendChild(meta);
          list.appendChild(li);
        });
        box.appendChild(list);
        box.appendChild(link(payload.column.url, "more", labels.more + " →"));
        host.dispatchEvent(new CustomEvent("asean-embed:ready", { detail: { count: payload.items.length } }));
      })
      .catch(function () {
        box.appendChild(el("p", "m", labels.error));
        host.dispatchEvent(new CustomEvent("asean-embed:error"));
      });
  }

  function scan() {
    var hosts = document.querySelectorAll("[data-asean-embed]:not(iframe)");
    for (var i = 0; i < hosts.length; i++) render(hosts[i]);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scan);
  else scan();
})();
