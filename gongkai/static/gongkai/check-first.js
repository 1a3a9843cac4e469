// Check before you ask: while the applicant types the title of the information they want,
// list the agency's published items that match it (GET portal:item_suggestions). Without
// script the section's "先查一查" link opens the search page instead.
(function () {
  "use strict";
  var box = document.getElementById("check-first");
  var title = document.getElementById("id_information_title");
  if (!box || !title || !window.fetch) return;
  var found = document.getElementById("check-first-found");
  var link = document.getElementById("check-first-link");
  var searchBase = link.getAttribute("href");
  var timer = null;
  var asked = "";

  function show(query, items) {
    found.textContent = "";
    if (!items.length) return;
    var heading = document.createElement("p");
    heading.textContent = "以下已公开的信息可能就是您需要的：";
    found.appendChild(heading);
    var list = document.createElement("ul");
    items.forEach(function (item) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = item.url;
      a.textContent = item.title;
      li.appendChild(a);
      if (item.index_number) {
        var muted = document.createElement("span");
        muted.className = "muted";
        muted.textContent = " 索引号 " + item.index_number;
        li.appendChild(muted);
      }
      list.appendChild(li);
    });
    found.appendChild(list);
  }

  function ask() {
    var query = title.value.trim();
    link.setAttribute("href", searchBase + (query ? "&q=" + encodeURIComponent(query) : ""));
    if (query === asked) return;
    asked = query;
    if (query.length < 2) { found.textContent = ""; return; }
    fetch(box.dataset.suggest + "?q=" + encodeURIComponent(query), {headers: {Accept: "application/json"}})
      .then(function (response) { return response.ok ? response.json() : {items: []}; })
      .then(function (data) { if (query === asked) show(query, data.items || []); })
      .catch(function () {});
  }

  title.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 300);
  });
})();
