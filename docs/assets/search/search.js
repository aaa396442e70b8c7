/* Cable Archive search: a search box in the Material header, over two engines.
 *
 * - Our own index (the default, over http and from file://), written by generator/search/offline.py as plain
 *   script files: <script> tags work without a server, where fetch() and WebAssembly do not. Terms are in sorted
 *   chunks, so a query loads only the chunks of its terms, the filter lists it needs, and the cables it shows.
 * - Pagefind, over http only, when the search step was run with --pagefind (generator/search/pagefind.py: one
 *   bundle per group of years, merged here). `?engine=offline` forces our index (the benchmark uses it).
 *
 * Typing a cable ID (08STATE34976, 08state34976, 08 STATE 34976) goes straight to its page.
 * Everything shown comes from cables, so it is inserted as text, never as HTML.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var BASE = new URL("../../", script ? script.src : location.href); // assets/search/search.js -> site root
  var DATA = new URL("search/", BASE);
  var PAGE_SIZE = 10;
  var HINT = "Search the cables by words, or type a cable ID such as 08STATE34976";
  var FIELDS = [["year", "Year"], ["origin", "Origin"], ["classification", "Classification"], ["tag", "Tag"]];

  /* ---------------------------------------------------------------- data files (script tags) */

  var pending = {}; // "kind key" -> {promise, resolve, reject}

  function slot(kind, key) {
    var id = kind + " " + key;
    if (!pending[id]) {
      var s = {};
      s.promise = new Promise(function (resolve, reject) { s.resolve = resolve; s.reject = reject; });
      pending[id] = s;
    }
    return pending[id];
  }

  function loadData(kind, key, path) {
    var s = slot(kind, key);
    if (!s.requested) {
      s.requested = true;
      var tag = document.createElement("script");
      tag.src = new URL(path, DATA).href;
      tag.async = true;
      tag.onerror = function () { s.reject(new Error("cannot load " + path)); };
      tag.onload = function () { setTimeout(function () { s.reject(new Error("no data in " + path)); }, 0); };
      document.head.appendChild(tag);
    }
    return s.promise;
  }

  var api = window.CableSearch = window.CableSearch || {};
  api.load = function (kind, key, data) { slot(kind, key).resolve(data); };

  /* ---------------------------------------------------------------- numbers (see generator/search/encode.py) */

  var DIGITS = "0123456789abcdefghijklmnopqrstuv", CONT = "wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
  var VALUE = new Int8Array(128).fill(-1);
  for (var i = 0; i < 32; i++) { VALUE[DIGITS.charCodeAt(i)] = i; VALUE[CONT.charCodeAt(i)] = 32 + i; }

  function decode(text) {
    var out = [], v = 0;
    for (var k = 0; k < text.length; k++) {
      var d = VALUE[text.charCodeAt(k)];
      if (d >= 32) { v = v * 32 + (d - 32); } else { out.push(v * 32 + d); v = 0; }
    }
    return out;
  }

  function ungap(values) {
    var prev = -1;
    for (var k = 0; k < values.length; k++) { prev = prev + values[k] + 1; values[k] = prev; }
    return values;
  }

  /* ---------------------------------------------------------------- text (see generator/search/text.py) */

  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function queryTerms(query, stopwords) {
    var seen = {}, out = [];
    (fold(query).match(/[a-z0-9]+/g) || []).forEach(function (t) {
      if (t.length >= 2 && t.length <= 40 && !stopwords[t] && !seen[t]) { seen[t] = true; out.push(t); }
    });
    return out;
  }

  /* A rough English stem, matched as a prefix: sources -> sourc, countries -> countr, talks -> talk,
     sanctioned -> sanction, meeting -> meet; null when the word is too short to cut safely. */
  function stem(term) {
    var cuts = [[/ies$/, 3, 6], [/es$/, 2, 5], [/[^s]s$/, 1, 4], [/ed$/, 2, 6], [/ing$/, 3, 6]];
    for (var k = 0; k < cuts.length; k++) {
      if (cuts[k][0].test(term) && term.length >= cuts[k][2] && /^[a-z]+$/.test(term)) {
        return term.slice(0, term.length - cuts[k][1]);
      }
    }
    return null;
  }

  /* What to mark in a result: the query terms and their stems. */
  function marks(terms) {
    var out = terms.slice();
    terms.forEach(function (t) { var s = stem(t); if (s) out.push(s); });
    return out;
  }

  /* Text as segments [{text, mark}], marking words that a query term matches (equal, or as a prefix). */
  function highlight(text, terms) {
    var out = [], last = 0, re = /[\p{L}\p{N}]+/gu, m;
    while ((m = re.exec(text))) {
      var word = fold(m[0]);
      var hit = terms.some(function (t) { return word === t || (t.length >= 3 && word.indexOf(t) === 0); });
      if (hit) {
        if (m.index > last) out.push({ text: text.slice(last, m.index) });
        out.push({ text: m[0], mark: true });
        last = m.index + m[0].length;
      }
    }
    if (last < text.length) out.push({ text: text.slice(last) });
    return out;
  }

  /* The densest window of about `size` words around the query's matches. */
  function excerpt(body, terms, size) {
    var words = [], re = /\S+/g, m;
    while ((m = re.exec(body))) words.push(m);
    if (!words.length) return [];
    var hits = words.map(function (w) {
      return highlight(w[0], terms).some(function (s) { return s.mark; }) ? 1 : 0;
    });
    var best = 0, bestAt = 0, sum = 0;
    for (var k = 0; k < words.length; k++) {
      sum += hits[k] - (k >= size ? hits[k - size] : 0);
      if (sum > best) { best = sum; bestAt = Math.max(0, k - size + 1); }
    }
    var first = bestAt;
    while (best && !hits[first]) first++;
    var start = best ? Math.max(0, first - Math.floor(size / 4)) : 0, end = Math.min(words.length, start + size);
    var from = words[start].index, to = words[end - 1].index + words[end - 1][0].length;
    var segs = highlight(body.slice(from, to).replace(/\s+/g, " "), terms);
    if (start > 0) segs.unshift({ text: "… " });
    if (end < words.length) segs.push({ text: " …" });
    return segs;
  }

  function toSet(list) {
    var set = {};
    list.forEach(function (w) { set[w] = true; });
    return set;
  }

  /* ---------------------------------------------------------------- cable IDs */

  var manifestPromise = null;
  function manifest() {
    if (!manifestPromise) manifestPromise = loadData("manifest", "index", "index.js");
    return manifestPromise;
  }

  /* The canonical ID a query spells, or null: `08 state 034976` -> 08STATE34976. */
  function parseId(query, stations) {
    var q = query.trim().toUpperCase().replace(/[\s._\/-]+/g, "");
    var m = /^(\d{2}|19\d{2}|20\d{2})([A-Z]{2,})(\d{1,7})$/.exec(q);
    if (!m) return null;
    var station = stations[m[2]] || m[2];
    return m[1].slice(-2) + station + String(parseInt(m[3], 10));
  }

  /* Index of the last of sorted strings that is <= key (-1 when none): which chunk may hold the key. */
  function lastAtMost(sorted, key) {
    var lo = -1, hi = sorted.length - 1;
    while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (sorted[mid] <= key) lo = mid; else hi = mid - 1; }
    return lo;
  }

  /* The page of a cable ID, or null when the archive has no page for it. */
  async function idPage(id) {
    var man = await manifest();
    var k = lastAtMost(man.ids.firsts, id);
    if (k < 0) return null;
    var file = man.ids.dir + "/" + k + ".js", table = await loadData("ids", file, file);
    if (!Object.prototype.hasOwnProperty.call(table, id)) return null;
    return new URL(table[id] === 0 ? man.page.replace("{id}", id) : table[id], BASE).href;
  }

  /* ---------------------------------------------------------------- engine: our own index (file://) */

  function OfflineEngine(man) {
    this.man = man;
    this.name = "offline";
    this.stop = toSet(man.stopwords);
    this.firsts = man.terms.firsts;
    this.lists = {};
  }

  OfflineEngine.prototype.chunk = function (k) {
    var file = this.man.terms.dir + "/" + k + ".js";
    return loadData("terms", file, file);
  };

  /* The doc lists of every value of a field kept in one file (null for a field stored value by value). */
  OfflineEngine.prototype.facetFile = function (k) {
    var file = this.man.facets.dir + "/" + k + ".js";
    return loadData("facet", file, file);
  };

  OfflineEngine.prototype.fieldLists = function (name) {
    var f = this.man.facets.fields[name];
    if (f.whole === undefined) return Promise.resolve(null);
    if (!this.lists[name]) {
      this.lists[name] = this.facetFile(f.whole).then(function (lists) {
        return lists.map(function (x) { return ungap(decode(x)); });
      });
    }
    return this.lists[name];
  };

  /* The docs that have one value of a field. */
  OfflineEngine.prototype.valueDocs = async function (name, value) {
    var f = this.man.facets.fields[name], k = f.values.indexOf(value);
    if (k < 0) return [];
    if (f.whole !== undefined) return (await this.fieldLists(name))[k];
    return ungap(decode(await this.facetFile(f.first + k)));
  };

  /* Chunk numbers that may hold `term` or, for a prefix, the terms it starts (at most three). */
  OfflineEngine.prototype.chunksFor = function (term, prefix) {
    var f = this.firsts, lo = Math.max(0, lastAtMost(f, term));
    var out = [lo];
    while (prefix && out.length < 3 && lo + out.length < f.length && f[lo + out.length].indexOf(term) === 0) {
      out.push(lo + out.length);
    }
    return out;
  };

  var WEIGHT = [0, 1, 1.4, 1.7, 3, 3.4, 3.7, 4];

  /* Score of every doc for one query term (exact matches count in full; words it or its stem starts, 60%). */
  OfflineEngine.prototype.termScores = async function (term) {
    var self = this, n = this.man.docs, prefix = term.length >= 3, root = stem(term) || term;
    var ks = this.chunksFor(root, prefix), own = this.chunksFor(term, false)[0];
    if (ks.indexOf(own) < 0) ks.push(own); // the exact term, even when its stem's words fill three chunks
    var chunks = await Promise.all(ks.map(function (k) { return self.chunk(k); }));
    var scores = new Float32Array(n), found = false;
    chunks.forEach(function (chunk) {
      Object.keys(chunk).forEach(function (t) {
        if (t !== term && !(prefix && t.indexOf(root) === 0)) return;
        found = true;
        var post = decode(chunk[t]), idf = Math.log(1 + n / post.length), factor = t === term ? 1 : 0.6;
        var doc = -1;
        for (var k = 0; k < post.length; k++) {
          doc += (post[k] >> 3) + 1;
          var s = WEIGHT[post[k] & 7] * idf * factor;
          if (s > scores[doc]) scores[doc] = s;
        }
      });
    });
    return found ? scores : null;
  };

  /* The terms of a query; a query that spells a cable ID searches for that ID (the cable, and who cites it). */
  function searchTerms(query, man, stop) {
    var id = parseId(query, man.stations);
    return id ? [id.toLowerCase()] : queryTerms(query, stop);
  }

  /* Docs allowed by the chosen filters but the one of field `except` (for that field's counts); null = all. */
  function allowed(masks, except, n) {
    var out = null;
    masks.forEach(function (m, i) {
      if (!m || i === except) return;
      if (!out) { out = m.slice(); return; }
      for (var k = 0; k < n; k++) out[k] &= m[k];
    });
    return out;
  }

  OfflineEngine.prototype.search = async function (query, filters, sort) {
    var self = this, n = this.man.docs, facets = this.man.facets.fields;
    var terms = searchTerms(query, this.man, this.stop);
    if (!terms.length && !hasFilters(filters)) return emptyResult(terms);
    var loaded = await Promise.all([
      Promise.all(terms.map(function (t) { return self.termScores(t); })),
      Promise.all(FIELDS.map(function (f) { return filters[f[0]] ? self.valueDocs(f[0], filters[f[0]]) : null; })),
      Promise.all(FIELDS.map(function (f) { return self.fieldLists(f[0]); }))
    ]);
    var per = loaded[0], lists = loaded[2];
    var masks = loaded[1].map(function (docs) {
      if (!docs) return null;
      var m = new Uint8Array(n);
      docs.forEach(function (d) { m[d] = 1; });
      return m;
    });
    var total = null;
    if (terms.length) {
      total = new Float32Array(n);
      for (var d = 0; d < n; d++) {
        var s = 0;
        for (var t = 0; t < per.length; t++) {
          if (!per[t] || !per[t][d]) { s = 0; break; }
          s += per[t][d];
        }
        total[d] = s;
      }
    }
    var match = function (mask, d) { return (!total || total[d] > 0) && (!mask || mask[d]); };
    var mask = allowed(masks, -1, n), docs = [];
    for (var d2 = 0; d2 < n; d2++) if (match(mask, d2)) docs.push(d2);
    if (sort === "newest" || (!total && sort !== "oldest")) docs.reverse();
    else if (sort !== "oldest") docs.sort(function (a, b) { return total[b] - total[a] || b - a; });
    var counts = {}, archiveWide = {};
    FIELDS.forEach(function (f, i) {
      var c = counts[f[0]] = {}, values = facets[f[0]].values;
      if (!lists[i]) { // too big to load whole: counts over the whole archive
        archiveWide[f[0]] = true;
        values.forEach(function (v, k) { c[v] = facets[f[0]].counts[k]; });
        return;
      }
      var m = allowed(masks, i, n);
      lists[i].forEach(function (members, k) {
        var x = 0;
        for (var j = 0; j < members.length; j++) if (match(m, members[j])) x++;
        if (x) c[values[k]] = x;
      });
    });
    return {
      terms: terms, count: docs.length, counts: counts, archiveWide: archiveWide,
      labels: { origin: facets.origin.labels || {} },
      items: docs.map(function (doc) { return function () { return self.item(doc, marks(terms)); }; })
    };
  };

  OfflineEngine.prototype.item = function (n, terms) {
    var path = this.man.docDir + "/" + Math.floor(n / this.man.docsPerDir) + "/" + n + ".js";
    return loadData("doc", n, path).then(function (doc) {
      return {
        id: doc.id, url: new URL(doc.url, BASE).href, date: doc.date, origin: doc.origin,
        originName: doc.originName, classification: doc.classification,
        subject: highlight(doc.subject, terms), excerpt: excerpt(doc.body, terms, 32)
      };
    });
  };

  function hasFilters(filters) {
    return FIELDS.some(function (f) { return !!filters[f[0]]; });
  }

  function emptyResult(terms) {
    return { terms: terms, count: 0, counts: null, items: [] };
  }

  /* ---------------------------------------------------------------- engine: Pagefind (http) */

  function PagefindEngine(man, pf) {
    this.man = man;
    this.pf = pf;
    this.name = "pagefind";
    this.stop = toSet(man.stopwords);
  }

  PagefindEngine.open = function (man) {
    var bundles = man.pagefind || [];
    if (!bundles.length) return Promise.reject(new Error("no Pagefind bundle"));
    return import(new URL(bundles[0] + "pagefind.js", BASE).href).then(function (pf) {
      return Promise.resolve(pf.options({ excerptLength: 32 }))
        .then(function () { return pf.init(); })
        .then(function () {
          return Promise.all(bundles.slice(1).map(function (b) {
            return pf.mergeIndex(new URL(b, BASE).href);
          }));
        })
        .then(function () { return pf.filters(); }) // loads the filter chunks: results then carry counts
        .then(function () { return new PagefindEngine(man, pf); });
    });
  };

  function pfFilters(filters, except) {
    var out = {};
    FIELDS.forEach(function (f) { if (filters[f[0]] && f[0] !== except) out[f[0]] = filters[f[0]]; });
    return out;
  }

  PagefindEngine.prototype.search = function (query, filters, sort) {
    var self = this, pf = this.pf;
    var terms = searchTerms(query, this.man, this.stop);
    if (!terms.length && !hasFilters(filters)) return Promise.resolve(emptyResult(terms));
    var text = terms.length ? terms.join(" ") : null;
    var opts = { filters: pfFilters(filters) };
    if (sort === "newest" || (!terms.length && sort !== "oldest")) opts.sort = { date: "desc" };
    else if (sort === "oldest") opts.sort = { date: "asc" };
    return pf.search(text, opts).then(function (res) {
      if (!res) return emptyResult(terms); // superseded by a newer search
      var counts = {}, extra = [];
      FIELDS.forEach(function (f) {
        if (filters[f[0]]) {
          extra.push(pf.search(text, { filters: pfFilters(filters, f[0]) }).then(function (r) {
            counts[f[0]] = (r && r.filters && r.filters[f[0]]) || {};
          }));
        } else {
          counts[f[0]] = (res.filters && res.filters[f[0]]) || {};
        }
      });
      return Promise.all(extra).then(function () {
        FIELDS.forEach(function (f) {
          Object.keys(counts[f[0]]).forEach(function (v) { if (!counts[f[0]][v]) delete counts[f[0]][v]; });
        });
        return {
          terms: terms, count: res.results.length, counts: counts, archiveWide: {},
          labels: { origin: self.man.facets.fields.origin.labels || {} },
          items: res.results.map(function (r) { return function () { return r.data().then(function (d) {
            return self.item(d, marks(terms));
          }); }; })
        };
      });
    });
  };

  /* Our own excerpt from the cable body (Pagefind returns the full content: body, then the key fields), so both
     engines show the same kind of excerpt; Pagefind's own one when only a stemmed form matched. */
  PagefindEngine.prototype.item = function (data, terms) {
    var m = data.meta || {}, content = data.content || "";
    var cut = m.id ? content.lastIndexOf(m.id) : -1;
    var own = excerpt(cut > 0 ? content.slice(0, cut) : content, terms, 32);
    return {
      id: m.id, url: new URL(m.url, BASE).href, date: m.date, origin: m.origin, originName: m.originName || "",
      classification: m.classification, subject: highlight(m.subject || "", terms),
      excerpt: own.some(function (seg) { return seg.mark; }) ? own : markedSegments(data.excerpt || "")
    };
  };

  /* Pagefind's excerpt is HTML with <mark>: keep only its text and which parts are marked. */
  function markedSegments(html) {
    var doc = new DOMParser().parseFromString("<body>" + html + "</body>", "text/html");
    var out = [];
    doc.body.childNodes.forEach(function (node) {
      var text = node.textContent;
      if (node.nodeName !== "MARK") { out.push({ text: text }); return; }
      var m = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/su.exec(text); // Pagefind marks "Misrata." with its dot
      if (m[1]) out.push({ text: m[1] });
      out.push({ text: m[2], mark: true });
      if (m[3]) out.push({ text: m[3] });
    });
    return out;
  }

  /* ---------------------------------------------------------------- engine choice */

  var enginePromise = null;
  function engine() {
    if (!enginePromise) {
      enginePromise = manifest().then(function (man) {
        var offline = function () { return new OfflineEngine(man); };
        // ?engine=offline forces the script index over http too (the benchmark measures both that way)
        var forced = new URLSearchParams(location.search).get("engine");
        if (location.protocol === "file:" || forced === "offline") return offline();
        return PagefindEngine.open(man).catch(function (err) {
          if (window.console) console.warn("Cable search: Pagefind unavailable, using the script index:", err);
          return offline();
        });
      });
    }
    return enginePromise;
  }

  /* ---------------------------------------------------------------- the search box */

  var SVG = "http://www.w3.org/2000/svg";
  function icon(paths) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    paths.forEach(function (d) {
      var p = document.createElementNS(SVG, "path");
      p.setAttribute("d", d);
      svg.appendChild(p);
    });
    return svg;
  }
  var ICON_SEARCH = ["M10 3a7 7 0 0 1 5.6 11.2l5.1 5.1-1.4 1.4-5.1-5.1A7 7 0 1 1 10 3m0 2a5 5 0 1 0 0 10 " +
    "5 5 0 0 0 0-10"];
  var ICON_BACK = ["M20 11v2H8l5.5 5.5-1.4 1.4L4.2 12l7.9-7.9 1.4 1.4L8 11h12"];
  var ICON_CLOSE = ["M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6l5.6-5.6L5 6.4z"];

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "className") node.className = attrs[k]; else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  function segments(segs) {
    var frag = document.createDocumentFragment();
    segs.forEach(function (s) {
      frag.appendChild(s.mark ? el("mark", {}, [s.text]) : document.createTextNode(s.text));
    });
    return frag;
  }

  function UI(header) {
    var self = this;
    this.toggle = document.getElementById("__search");
    this.filters = {};
    this.sort = "relevance";
    this.seq = 0;
    this.shown = 0;
    this.result = null;
    this.selected = -1;

    this.button = el("label", { className: "md-header__button md-icon", "for": "__search", title: "Search" },
      [icon(ICON_SEARCH)]);
    this.input = el("input", {
      type: "text", className: "md-search__input", name: "query", "aria-label": "Search the cables",
      placeholder: "Search", autocapitalize: "off", autocorrect: "off",
      autocomplete: "off", spellcheck: "false", "data-cs": "query"
    });
    var reset = el("button", { type: "reset", className: "md-search__icon md-icon", title: "Clear",
      "aria-label": "Clear", tabindex: "-1" }, [icon(ICON_CLOSE)]);
    this.form = el("form", { className: "md-search__form", name: "cable-search", role: "search" }, [
      this.input,
      el("label", { className: "md-search__icon md-icon", "for": "__search" }, [icon(ICON_SEARCH), icon(ICON_BACK)]),
      el("nav", { className: "md-search__options", "aria-label": "Search" }, [reset])
    ]);
    this.selects = {};
    var controls = FIELDS.map(function (f) {
      var s = el("select", { "aria-label": f[1], "data-cs-filter": f[0] }, [el("option", { value: "" }, [f[1]])]);
      self.selects[f[0]] = s;
      s.addEventListener("change", function () { self.filters[f[0]] = s.value; self.run(); });
      return s;
    });
    this.sortSelect = el("select", { "aria-label": "Order", "data-cs-sort": "" }, [
      el("option", { value: "relevance" }, ["Best match"]),
      el("option", { value: "newest" }, ["Newest first"]),
      el("option", { value: "oldest" }, ["Oldest first"])
    ]);
    this.sortSelect.addEventListener("change", function () { self.sort = self.sortSelect.value; self.run(); });
    controls.push(this.sortSelect);
    this.meta = el("div", { className: "md-search-result__meta", "data-cs": "meta" }, [HINT]);
    this.list = el("ol", { className: "md-search-result__list", "data-cs": "results" });
    this.more = el("button", { type: "button", className: "md-button cs-more", hidden: "" }, ["Show more"]);
    this.more.addEventListener("click", function () { self.showMore(); });
    this.jump = el("div", { className: "cs-jump", hidden: "" });
    this.root = el("div", { className: "md-search cs-search", role: "dialog", "aria-label": "Search",
      "data-cs": "dialog" }, [
      el("label", { className: "md-search__overlay", "for": "__search" }),
      el("div", { className: "md-search__inner" }, [
        this.form,
        el("div", { className: "md-search__output" }, [
          el("div", { className: "md-search__scrollwrap", tabindex: "0" }, [
            el("div", { className: "md-search-result" }, [
              el("div", { className: "cs-filters", "data-cs": "filters" }, controls),
              this.jump, this.meta, this.list, this.more
            ])
          ])
        ])
      ])
    ]);
    var source = header.querySelector(".md-header__source");
    header.insertBefore(this.root, source);
    header.insertBefore(this.button, this.root);

    this.form.addEventListener("submit", function (e) { e.preventDefault(); self.enter(); });
    this.form.addEventListener("reset", function () {
      setTimeout(function () { self.filters = {}; self.resetSelects(); self.run(); self.input.focus(); }, 0);
    });
    var timer = null;
    this.input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { self.run(); }, 120);
    });
    this.input.addEventListener("focus", function () { self.open(true); });
    this.input.addEventListener("keydown", function (e) { self.keys(e); });
    this.toggle.addEventListener("change", function () {
      if (self.toggle.checked) { self.input.focus(); engine(); } else { self.input.blur(); }
    });
    document.addEventListener("keydown", function (e) { self.global(e); });
  }

  UI.prototype.open = function (on) {
    if (this.toggle.checked !== on) {
      this.toggle.checked = on;
      this.toggle.dispatchEvent(new Event("change"));
    }
  };

  UI.prototype.global = function (e) {
    var t = e.target, typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
    if (e.key === "Escape" && this.toggle.checked) { e.preventDefault(); this.open(false); return; }
    if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === "/" || e.key === "s" || e.key === "f") {
      e.preventDefault();
      this.open(true);
      this.input.focus();
      this.input.select();
    }
  };

  UI.prototype.keys = function (e) {
    var links = this.list.querySelectorAll(".md-search-result__link");
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!links.length) return;
      var step = e.key === "ArrowDown" ? 1 : -1;
      this.selected = Math.max(0, Math.min(links.length - 1, this.selected + step));
      links.forEach(function (a, k) { a.classList.toggle("cs-selected", k === this.selected); }, this);
      links[this.selected].scrollIntoView({ block: "nearest" });
    }
  };

  UI.prototype.enter = function () {
    var self = this, query = this.input.value;
    manifest().then(function (man) {
      var id = parseId(query, man.stations);
      return id ? idPage(id) : null;
    }).then(function (page) {
      if (page) { location.href = page; return; }
      var links = self.list.querySelectorAll(".md-search-result__link");
      var target = links[self.selected] || links[0];
      if (target) location.href = target.href;
    });
  };

  UI.prototype.resetSelects = function () {
    var self = this;
    FIELDS.forEach(function (f) { self.selects[f[0]].value = ""; });
  };

  UI.prototype.run = function () {
    var self = this, seq = ++this.seq, query = this.input.value;
    this.root.removeAttribute("data-cs-shown");
    this.showJump(query);
    engine().then(function (eng) {
      self.root.setAttribute("data-cs-engine", eng.name);
      return eng.search(query, self.filters, self.sort);
    }).then(function (res) {
      if (seq !== self.seq) return;
      self.result = res;
      self.shown = 0;
      self.selected = -1;
      self.list.textContent = "";
      self.updateFilters(res);
      if (!res.terms.length && !hasFilters(self.filters)) {
        self.meta.textContent = query.trim() ? "Type at least two letters" : HINT;
      } else {
        self.meta.textContent = res.count === 0 ? "No matching cables" :
          res.count === 1 ? "1 matching cable" : res.count.toLocaleString("en") + " matching cables";
      }
      self.root.setAttribute("data-cs-count", String(res.count));
      return self.showMore().then(function () {
        if (seq === self.seq) self.root.setAttribute("data-cs-shown", query); // what the list shows (for tests)
      });
    }).catch(function (err) {
      if (seq !== self.seq) return;
      self.meta.textContent = "Search is not available: " + err.message;
    });
  };

  UI.prototype.showJump = function (query) {
    var self = this;
    this.jump.hidden = true;
    this.jump.textContent = "";
    manifest().then(function (man) {
      var id = parseId(query, man.stations);
      if (!id) return;
      return idPage(id).then(function (page) {
        if (query !== self.input.value) return;
        self.jump.hidden = false;
        self.jump.textContent = "";
        if (page) {
          self.jump.appendChild(el("a", { href: page, className: "cs-jump__link", "data-cs": "jump" },
            ["Go to cable ", el("strong", {}, [id]), " (Enter)"]));
        } else {
          self.jump.appendChild(document.createTextNode("No cable " + id + " in this archive."));
        }
      });
    }).catch(function () {});
  };

  UI.prototype.updateFilters = function (res) {
    var self = this;
    FIELDS.forEach(function (f) {
      var s = self.selects[f[0]], counts = (res.counts && res.counts[f[0]]) || {}, chosen = self.filters[f[0]] || "";
      var values = Object.keys(counts);
      if (chosen && values.indexOf(chosen) < 0) values.push(chosen);
      values.sort(f[0] === "year" ? function (a, b) { return b < a ? -1 : b > a ? 1 : 0; } : undefined);
      s.textContent = "";
      s.appendChild(el("option", { value: "" }, [chosen ? "Any " + f[1].toLowerCase() : f[1]]));
      values.forEach(function (v) {
        var label = v, names = res.labels && res.labels[f[0]];
        if (names && names[v]) label = v + " (" + names[v] + ")";
        s.appendChild(el("option", { value: v }, [label + " · " + (counts[v] || 0)]));
      });
      s.value = chosen;
      s.disabled = !values.length;
      s.title = res.archiveWide && res.archiveWide[f[0]] ? f[1] + ": counts over the whole archive" : f[1];
    });
  };

  UI.prototype.showMore = function () {
    var self = this, res = this.result, seq = this.seq;
    if (!res) return Promise.resolve();
    var batch = res.items.slice(this.shown, this.shown + PAGE_SIZE);
    this.shown += batch.length;
    this.more.hidden = this.shown >= res.items.length;
    return Promise.all(batch.map(function (load) { return load(); })).then(function (items) {
      if (seq !== self.seq) return;
      items.forEach(function (it) { self.list.appendChild(self.render(it)); });
    });
  };

  UI.prototype.render = function (it) {
    var meta = [it.date, it.originName || it.origin, it.classification].filter(Boolean).join(" · ");
    var title = el("h2", {}, [el("span", { className: "cs-id" }, [it.id]), " "]);
    title.appendChild(segments(it.subject));
    var article = el("article", { className: "md-search-result__article md-typeset" }, [
      title,
      el("p", { className: "cs-meta" }, [meta]),
      el("p", { className: "cs-excerpt" }, [segments(it.excerpt)])
    ]);
    var link = el("a", { href: it.url, className: "md-search-result__link", tabindex: "-1" }, [article]);
    return el("li", { className: "md-search-result__item", "data-cable-id": it.id }, [link]);
  };

  /* ?q=... opens the search with that query (links from elsewhere, and the tests). */
  function start() {
    var header = document.querySelector(".md-header__inner");
    if (!header || !document.getElementById("__search")) return;
    var ui = api.ui = new UI(header);
    var q = new URLSearchParams(location.search).get("q");
    if (q) {
      ui.input.value = q;
      ui.open(true);
      ui.run();
    }
  }

  api.parseId = parseId;
  api.fold = fold;
  api.terms = function (q) { return manifest().then(function (man) { return queryTerms(q, toSet(man.stopwords)); }); };
  api.engine = engine;

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
