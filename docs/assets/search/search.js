/* Cable Archive search: a search box in the Material header, over two engines.
 *
 * - Our own index (the default, over http and from file://), written by generator/search/offline.py as plain
 *   script files: <script> tags work without a server, where fetch() and WebAssembly do not. Terms are in sorted
 *   chunks, so a query loads only the chunks of its terms, the filter lists it needs, and the cables it shows.
 * - Pagefind, over http only, when the search step was run with --pagefind (generator/search/pagefind.py: one
 *   bundle per group of years, merged here). `?engine=offline` forces our index (the benchmark uses it).
 *
 * Typing a cable ID (08STATE34976, 08state34976, 08 STATE 34976) goes straight to its page. Words in double
 * quotes are a phrase (exactly those words in a row); a loose word also finds its stem and the other spellings
 * of a name (`qadhafi`: gaddafi, qaddafi; generator/search/variants.py). The search lives in the address
 * (`?q=…&tag=…`), so it can be shared and Back/Forward walk through it; a result opens its cable at the
 * paragraph that matched (`#par7`) with the words marked (`?hl=`, done here: this script is on every page).
 * Values from cables are never keys of plain objects (`__proto__`, `constructor`): Map and Set hold them.
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

  function indexable(t, stop) {
    return t.length >= 2 && t.length <= 40 && !stop.has(t);
  }

  /* A query as the engines take it: `terms` every index term it needs (all in each result), `exact` those
     written in double quotes (no stem, no other spelling), `phrases` the quoted runs of words (every word, stop
     words too), checked against the cable's text. An unclosed quote runs to the end (while typing). */
  function parseQuery(query, stop) {
    var terms = [], exact = new Set(), phrases = [], loose = new Set();
    query.split('"').forEach(function (part, k) {
      var words = fold(part).match(/[a-z0-9]+/g) || [], quoted = k % 2 === 1;
      if (quoted && words.length > 1) phrases.push(words);
      words.forEach(function (t) {
        if (!indexable(t, stop)) return;
        if (terms.indexOf(t) < 0) terms.push(t);
        if (quoted) exact.add(t); else loose.add(t);
      });
    });
    loose.forEach(function (t) { exact.delete(t); }); // written both ways: the looser reading
    return { terms: terms, exact: exact, phrases: phrases, single: terms.filter(function (t) {
      return loose.has(t) || !phrases.some(function (p) { return p.indexOf(t) >= 0; });
    }) };
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

  /* What to mark in a text: {words: [{t, prefix}], phrases: [[word...]]}. A loose word is marked with its
     stem and its other spellings, as prefixes; a quoted word exactly; a phrase only where it stands whole. */
  function marksOf(q, alts) {
    var words = [];
    q.single.forEach(function (t) {
      if (q.exact.has(t)) { words.push({ t: t, prefix: false }); return; }
      var k = q.terms.indexOf(t), s = stem(t);
      [t].concat(s ? [s] : [], (alts && alts[k]) || []).forEach(function (w) { words.push({ t: w, prefix: true }); });
    });
    return { words: words, phrases: q.phrases };
  }

  /* Marks as they travel in a result's address (`?hl=`): words (`*` ends a prefix), phrases joined by `-`. */
  function marksParam(m) {
    return m.words.map(function (w) { return w.t + (w.prefix ? "*" : ""); })
      .concat(m.phrases.map(function (p) { return p.join("-"); })).join(" ");
  }

  function marksFromParam(text) {
    var m = { words: [], phrases: [] };
    fold(text).split(/\s+/).forEach(function (item) {
      var parts = item.match(/[a-z0-9]+/g) || [];
      if (parts.length > 1) m.phrases.push(parts);
      else if (parts.length === 1) m.words.push({ t: parts[0], prefix: /\*$/.test(item) });
    });
    return m;
  }

  function wordHit(word, w) {
    return word === w.t || (w.prefix && w.t.length >= 3 && word.indexOf(w.t) === 0);
  }

  /* Where a text matches the marks: [[start, end]...] in its own offsets, in order. */
  function markRanges(text, m) {
    var found = [], re = /[\p{L}\p{N}]+/gu, r;
    while ((r = re.exec(text))) found.push({ at: r.index, end: r.index + r[0].length, w: fold(r[0]) });
    var out = [];
    for (var i = 0; i < found.length; i++) {
      var hit = null;
      for (var p = 0; p < m.phrases.length && !hit; p++) {
        var ph = m.phrases[p], k = 0;
        while (k < ph.length && i + k < found.length && found[i + k].w === ph[k]) k++;
        if (k === ph.length) hit = [found[i].at, found[i + k - 1].end, k];
      }
      if (!hit && m.words.some(function (w) { return wordHit(found[i].w, w); })) hit = [found[i].at, found[i].end, 1];
      if (hit) { out.push([hit[0], hit[1]]); i += hit[2] - 1; }
    }
    return out;
  }

  /* Text as segments [{text, mark}]. */
  function highlight(text, m) {
    var out = [], last = 0;
    markRanges(text, m).forEach(function (r) {
      if (r[0] > last) out.push({ text: text.slice(last, r[0]) });
      out.push({ text: text.slice(r[0], r[1]), mark: true });
      last = r[1];
    });
    if (last < text.length) out.push({ text: text.slice(last) });
    return out;
  }

  /* The densest window of about `size` words around the matches: its segments, and where in the body its first
     match is (-1 when none), for the paragraph the result opens at. */
  function excerpt(body, m, size) {
    var words = [], re = /\S+/g, r;
    while ((r = re.exec(body))) words.push(r);
    if (!words.length) return { segs: [], at: -1 };
    var ranges = markRanges(body, m), hits = new Uint8Array(words.length), j = 0;
    words.forEach(function (w, k) {
      var end = w.index + w[0].length;
      while (j < ranges.length && ranges[j][1] <= w.index) j++;
      if (j < ranges.length && ranges[j][0] < end) hits[k] = 1;
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
    var segs = highlight(body.slice(from, to).replace(/\s+/g, " "), m);
    if (start > 0) segs.unshift({ text: "… " });
    if (end < words.length) segs.push({ text: " …" });
    return { segs: segs, at: best ? words[first].index : -1 };
  }

  /* The anchor of the paragraph that holds body offset `at` (pars: [[offset, anchor]...] in order), or "". */
  function anchorAt(pars, at) {
    var out = "";
    if (at < 0 || !pars) return out;
    for (var k = 0; k < pars.length && pars[k][0] <= at; k++) out = pars[k][1];
    return out;
  }

  /* A result's address: its page, the marks to show there, and the paragraph to open at. */
  function resultUrl(url, m, at, pars) {
    var u = new URL(url, BASE), hl = marksParam(m), anchor = anchorAt(pars, at);
    if (hl) u.searchParams.set("hl", hl);
    if (anchor) u.hash = anchor;
    return u.href;
  }

  /* Whether a text holds every phrase (words in a row, whatever stands between them). */
  function hasPhrases(text, phrases) {
    var t = fold(text);
    return phrases.every(function (p) {
      return new RegExp("(^|[^a-z0-9])" + p.join("[^a-z0-9]+") + "(?![a-z0-9])").test(t);
    });
  }

  function toSet(list) {
    return new Set(list);
  }

  function own(obj, key) {
    return Object.prototype.hasOwnProperty.call(obj, key);
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
    var station = own(stations, m[2]) ? stations[m[2]] : m[2];
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

  /* Score of every doc for one index term, or null when no doc has it. A loose term also matches, at 60%, the
     words it or its stem starts; an exact (quoted) one only itself. */
  OfflineEngine.prototype.termScores = async function (term, exact) {
    var self = this, n = this.man.docs, prefix = !exact && term.length >= 3, root = (!exact && stem(term)) || term;
    var ks = this.chunksFor(root, prefix), mine = this.chunksFor(term, false)[0];
    if (ks.indexOf(mine) < 0) ks.push(mine); // the exact term, even when its stem's words fill three chunks
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

  /* The other spellings of a word (variants.py: `qadhafi` -> gaddafi, qaddafi), [] when it has none. */
  async function variantsOf(man, term) {
    var v = man.variants;
    if (!v || !v.firsts.length) return [];
    var k = lastAtMost(v.firsts, term);
    if (k < 0) return [];
    var file = v.dir + "/" + k + ".js", table = await loadData("variants", file, file);
    return own(table, term) ? table[term] : [];
  }

  /* Scores for a term and its other spellings: a doc scores by the best of them. */
  OfflineEngine.prototype.scores = async function (term, exact, alts) {
    var self = this, all = await Promise.all([term].concat(alts).map(function (t, k) {
      return self.termScores(t, exact || k > 0 && t.length < 3);
    }));
    var out = null;
    all.forEach(function (s) {
      if (!s) return;
      if (!out) { out = s; return; }
      for (var d = 0; d < s.length; d++) if (s[d] > out[d]) out[d] = s[d];
    });
    return out;
  };

  /* The query parsed, and the other spellings of its loose terms (a query that spells a cable ID searches for
     that ID: the cable, and who cites it). */
  async function prepare(query, man, stop) {
    var id = parseId(query, man.stations);
    var q = id ? { terms: [id.toLowerCase()], exact: new Set(), phrases: [], single: [id.toLowerCase()] }
      : parseQuery(query, stop);
    q.alts = await Promise.all(q.terms.map(function (t) {
      return q.exact.has(t) || id ? [] : variantsOf(man, t);
    }));
    q.marks = marksOf(q, q.alts);
    return q;
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

  var PHRASE_CHECKS = 3000; // a quoted phrase is checked in the text of at most this many best candidates

  OfflineEngine.prototype.doc = function (n) {
    var path = this.man.docDir + "/" + Math.floor(n / this.man.docsPerDir) + "/" + n + ".js";
    return loadData("doc", n, path);
  };

  /* Keep the docs whose text (subject and body) holds every quoted phrase; the others score 0. Returns how many
     candidates were left unchecked (beyond PHRASE_CHECKS, best first: they are dropped too). */
  OfflineEngine.prototype.checkPhrases = async function (total, phrases) {
    var self = this, cands = [];
    for (var d = 0; d < total.length; d++) if (total[d] > 0) cands.push(d);
    cands.sort(function (a, b) { return total[b] - total[a] || a - b; });
    var skipped = Math.max(0, cands.length - PHRASE_CHECKS);
    cands.slice(PHRASE_CHECKS).forEach(function (d) { total[d] = 0; });
    cands = cands.slice(0, PHRASE_CHECKS);
    for (var k = 0; k < cands.length; k += 200) {
      var batch = cands.slice(k, k + 200);
      var docs = await Promise.all(batch.map(function (d) { return self.doc(d); }));
      docs.forEach(function (doc, j) {
        if (!hasPhrases(doc.subject + "\n" + doc.body, phrases)) total[batch[j]] = 0;
      });
    }
    return skipped;
  };

  OfflineEngine.prototype.search = async function (query, filters, sort) {
    var self = this, n = this.man.docs, facets = this.man.facets.fields;
    var q = await prepare(query, this.man, this.stop);
    var terms = q.terms;
    if (!terms.length && !hasFilters(filters)) return emptyResult(q);
    var loaded = await Promise.all([
      Promise.all(terms.map(function (t, k) { return self.scores(t, q.exact.has(t), q.alts[k]); })),
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
    var total = null, unchecked = 0;
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
      if (q.phrases.length) unchecked = await this.checkPhrases(total, q.phrases);
    }
    var match = function (mask, d) { return (!total || total[d] > 0) && (!mask || mask[d]); };
    var mask = allowed(masks, -1, n), docs = [];
    for (var d2 = 0; d2 < n; d2++) if (match(mask, d2)) docs.push(d2);
    if (sort === "newest" || (!total && sort !== "oldest")) docs.reverse();
    else if (sort !== "oldest") docs.sort(function (a, b) { return total[b] - total[a] || b - a; });
    var counts = {}, archiveWide = {};
    FIELDS.forEach(function (f, i) {
      var c = counts[f[0]] = new Map(), values = facets[f[0]].values;
      if (!lists[i]) { // too big to load whole: counts over the whole archive
        archiveWide[f[0]] = true;
        values.forEach(function (v, k) { c.set(v, facets[f[0]].counts[k]); });
        return;
      }
      var m = allowed(masks, i, n);
      lists[i].forEach(function (members, k) {
        var x = 0;
        for (var j = 0; j < members.length; j++) if (match(m, members[j])) x++;
        if (x) c.set(values[k], x);
      });
    });
    return {
      terms: terms, count: docs.length, counts: counts, archiveWide: archiveWide, unchecked: unchecked,
      labels: { origin: new Map(facets.origin.labels || []) },
      items: docs.map(function (doc) { return function () { return self.item(doc, q.marks); }; })
    };
  };

  OfflineEngine.prototype.item = function (n, m) {
    return this.doc(n).then(function (doc) {
      var ex = excerpt(doc.body, m, 32);
      return {
        id: doc.id, url: resultUrl(doc.url, m, ex.at, doc.pars), date: doc.date, origin: doc.origin,
        originName: doc.originName, classification: doc.classification,
        subject: highlight(doc.subject, m), excerpt: ex.segs
      };
    });
  };

  function hasFilters(filters) {
    return FIELDS.some(function (f) { return !!filters[f[0]]; });
  }

  function emptyResult(q) {
    return { terms: q.terms, count: 0, counts: null, items: [] };
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

  /* Pagefind's query: the loose terms, then each phrase in double quotes (Pagefind matches those exactly). */
  function pfText(q) {
    var words = q.single.slice();
    q.phrases.forEach(function (p) { words.push('"' + p.join(" ") + '"'); });
    return words.length ? words.join(" ") : null;
  }

  /* A value -> count Map of what Pagefind counted (a plain object from its JSON), without the zeros. */
  function countMap(obj) {
    var out = new Map();
    Object.keys(obj || {}).forEach(function (v) { if (obj[v]) out.set(v, obj[v]); });
    return out;
  }

  PagefindEngine.prototype.search = async function (query, filters, sort) {
    var self = this, pf = this.pf;
    var q = await prepare(query, this.man, this.stop);
    if (!q.terms.length && !hasFilters(filters)) return emptyResult(q);
    var text = q.terms.length ? pfText(q) : null;
    var opts = { filters: pfFilters(filters) };
    if (sort === "newest" || (!q.terms.length && sort !== "oldest")) opts.sort = { date: "desc" };
    else if (sort === "oldest") opts.sort = { date: "asc" };
    var res = await pf.search(text, opts);
    if (!res) return emptyResult(q); // superseded by a newer search
    var counts = {};
    await Promise.all(FIELDS.map(async function (f) {
      var r = filters[f[0]] ? await pf.search(text, { filters: pfFilters(filters, f[0]) }) : res;
      counts[f[0]] = countMap(r && r.filters && r.filters[f[0]]);
    }));
    return {
      terms: q.terms, count: res.results.length, counts: counts, archiveWide: {},
      labels: { origin: new Map(self.man.facets.fields.origin.labels || []) },
      items: res.results.map(function (r) { return function () { return r.data().then(function (d) {
        return self.item(d, q.marks);
      }); }; })
    };
  };

  /* Our own excerpt from the cable body (Pagefind returns the full content: body, then the key fields), so both
     engines show the same kind of excerpt; Pagefind's own one when only a stemmed form matched. The paragraph
     anchors travel in the meta as JSON (Pagefind's meta values are strings). */
  PagefindEngine.prototype.item = function (data, marks) {
    var m = data.meta || {}, content = data.content || "";
    var cut = m.id ? content.lastIndexOf(m.id) : -1;
    var ex = excerpt(cut > 0 ? content.slice(0, cut) : content, marks, 32), pars = null;
    try { pars = JSON.parse(m.pars || "[]"); } catch (e) { pars = null; }
    return {
      id: m.id, url: resultUrl(m.url, marks, ex.at, pars), date: m.date, origin: m.origin,
      originName: m.originName || "", classification: m.classification, subject: highlight(m.subject || "", marks),
      // Pagefind marks a quoted phrase's words one by one: with a phrase, our excerpt even without a mark
      excerpt: marks.phrases.length || ex.segs.some(function (seg) { return seg.mark; }) ? ex.segs :
        markedSegments(data.excerpt || "")
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
      s.addEventListener("change", function () { self.filters[f[0]] = s.value; self.run({ push: true }); });
      return s;
    });
    this.sortSelect = el("select", { "aria-label": "Order", "data-cs-sort": "" }, [
      el("option", { value: "relevance" }, ["Best match"]),
      el("option", { value: "newest" }, ["Newest first"]),
      el("option", { value: "oldest" }, ["Oldest first"])
    ]);
    this.sortSelect.addEventListener("change", function () {
      self.sort = self.sortSelect.value;
      self.run({ push: true });
    });
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
      setTimeout(function () {
        self.filters = {};
        self.resetSelects();
        self.run({ push: true });
        self.input.focus();
      }, 0);
    });
    var timer = null;
    this.input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { self.run(); }, 120);
    });
    this.input.addEventListener("focus", function () { self.open(true); });
    this.input.addEventListener("keydown", function (e) { self.keys(e); });
    this.toggle.addEventListener("change", function () {
      if (self.toggle.checked) { self.input.focus(); engine(); return; }
      self.input.blur();
      if (!self.restoring) self.remember(true, true); // closed: Back opens it again as it was
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

  /* ---------------------------------------------------------------- the search in the address

     `?q=…&year=…&origin=…&classification=…&tag=…&sort=…` on whatever page the search was opened: a link that can
     be shared, and Back/Forward walk through the searches. Typing replaces the entry; opening a search, choosing
     a filter or an order, and closing the search add one. Other parameters (`engine`, `hl`) are kept. */
  var STATE = ["q", "sort"].concat(FIELDS.map(function (f) { return f[0]; }));

  function hasState(params) {
    return STATE.some(function (k) { return !!params.get(k); });
  }

  UI.prototype.stateUrl = function (clear) {
    var self = this, u = new URL(location.href);
    STATE.forEach(function (k) { u.searchParams.delete(k); });
    if (!clear) {
      if (this.input.value.trim()) u.searchParams.set("q", this.input.value);
      FIELDS.forEach(function (f) { if (self.filters[f[0]]) u.searchParams.set(f[0], self.filters[f[0]]); });
      if (this.sort !== "relevance") u.searchParams.set("sort", this.sort);
    }
    return u;
  };

  UI.prototype.remember = function (push, clear) {
    var u = this.stateUrl(clear), had = hasState(new URLSearchParams(location.search));
    if (u.href === location.href || (!had && !hasState(u.searchParams))) return;
    try {
      if (push || !had) history.pushState({ cableSearch: true }, "", u.href);
      else history.replaceState(history.state, "", u.href);
    } catch (e) { /* a browser that refuses to rewrite this address: the search still works */ }
  };

  /* The search the address holds (on arrival, and on Back/Forward). */
  UI.prototype.restore = function () {
    var self = this, params = new URLSearchParams(location.search);
    this.input.value = params.get("q") || "";
    this.filters = {};
    FIELDS.forEach(function (f) { if (params.get(f[0])) self.filters[f[0]] = params.get(f[0]); });
    this.sort = ["newest", "oldest"].indexOf(params.get("sort")) >= 0 ? params.get("sort") : "relevance";
    this.sortSelect.value = this.sort;
    this.restoring = true;
    try {
      if (hasState(params)) { this.open(true); this.run({ restore: true }); } else { this.open(false); }
    } finally {
      this.restoring = false;
    }
  };

  UI.prototype.run = function (opts) {
    var self = this, seq = ++this.seq, query = this.input.value;
    if (!(opts && opts.restore)) this.remember(!!(opts && opts.push));
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
        self.meta.textContent = (res.count === 0 ? "No matching cables" :
          res.count === 1 ? "1 matching cable" : res.count.toLocaleString("en") + " matching cables") +
          (res.unchecked ? " (the quoted words were looked for in the " + PHRASE_CHECKS.toLocaleString("en") +
            " best matches only)" : "");
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
      var s = self.selects[f[0]], counts = (res.counts && res.counts[f[0]]) || new Map();
      var chosen = self.filters[f[0]] || "", values = Array.from(counts.keys());
      if (chosen && !counts.has(chosen)) values.push(chosen);
      values.sort(f[0] === "year" ? function (a, b) { return b < a ? -1 : b > a ? 1 : 0; } : undefined);
      s.textContent = "";
      s.appendChild(el("option", { value: "" }, [chosen ? "Any " + f[1].toLowerCase() : f[1]]));
      values.forEach(function (v) {
        var label = v, names = res.labels && res.labels[f[0]];
        if (names && names.get(v)) label = v + " (" + names.get(v) + ")";
        s.appendChild(el("option", { value: v }, [label + " · " + (counts.get(v) || 0)]));
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

  /* ---------------------------------------------------------------- a result's page: the words marked

     A result links to `cable/ID.html?hl=…#parN`: the page opens at the paragraph that matched, and the words
     the search matched are marked there (`hl` as marksParam writes it). */
  function markText(node, m) {
    var ranges = markRanges(node.textContent, m);
    if (!ranges.length) return 0;
    var walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT), texts = [], t;
    while ((t = walker.nextNode())) texts.push(t);
    var pos = 0, r = 0;
    texts.forEach(function (tn) {
      var start = pos, end = pos + tn.data.length, cuts = [];
      pos = end;
      for (var k = r; k < ranges.length && ranges[k][0] < end; k++) {
        var a = Math.max(ranges[k][0], start), b = Math.min(ranges[k][1], end);
        if (a < b) cuts.push([a - start, b - start]);
      }
      while (r < ranges.length && ranges[r][1] <= end) r++;
      for (var c = cuts.length - 1; c >= 0; c--) { // from the back, so the earlier offsets stay true
        var mid = tn.splitText(cuts[c][0]);
        mid.splitText(cuts[c][1] - cuts[c][0]);
        var mark = document.createElement("mark");
        mark.className = "cs-hit";
        mid.parentNode.replaceChild(mark, mid);
        mark.appendChild(mid);
      }
    });
    return ranges.length;
  }

  function markArrival() {
    var hl = new URLSearchParams(location.search).get("hl");
    if (!hl) return;
    var m = marksFromParam(hl), count = 0;
    if (!m.words.length && !m.phrases.length) return;
    document.querySelectorAll(".md-content h1, .cable-body p, .cable-body h3").forEach(function (node) {
      count += markText(node, m);
    });
    document.documentElement.setAttribute("data-cs-marked", String(count));
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target) {
      target.classList.add("cs-target");
      target.scrollIntoView({ block: "start" });
    }
  }

  /* The search the address holds opens with the page (links from elsewhere, Back, and the tests). */
  function start() {
    markArrival();
    var header = document.querySelector(".md-header__inner");
    if (!header || !document.getElementById("__search")) return;
    var ui = api.ui = new UI(header);
    if (hasState(new URLSearchParams(location.search))) ui.restore();
    window.addEventListener("popstate", function () { ui.restore(); });
  }

  api.parseId = parseId;
  api.fold = fold;
  api.query = function (q) { return manifest().then(function (man) { return prepare(q, man, toSet(man.stopwords)); }); };
  api.engine = engine;

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
