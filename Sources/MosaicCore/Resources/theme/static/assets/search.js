/*
 * Mosaic client-side search. Plain JavaScript (ES2017), no dependencies, no build step.
 *
 * The index is static: search/<lang>/manifest.js and the chunk, facet and fragment files it
 * names. Every data file is a script that calls window.__mosaicSearch(kind, language, payload),
 * so it loads with a <script> tag and works from file:// as well as http(s)://.
 *
 * Query words are folded exactly as the builder folds the indexed words (lowercase, NFD without
 * combining marks, œ→oe, æ→ae, ß→ss, split on anything not a letter or digit, stopwords dropped);
 * a missing word is tried with simple plural variants, and the last word of the query is also
 * matched as a prefix while it is being typed.
 */
(function () {
  "use strict";

  // ---------------------------------------------------------------------------------------------
  // Folding: must match the index builder.

  var WORD_RE = compile("[\\p{L}\\p{N}]+", "gu",
    /[0-9A-Za-z\u00AA\u00B5\u00BA\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u03FF\u0400-\u052F]+/g);
  // Words of the original text, with their combining marks (highlighting works on the original).
  var TOKEN_RE = compile("[\\p{L}\\p{N}\\p{M}]+", "gu",
    /[0-9A-Za-z\u00AA\u00B5\u00BA\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u036F\u0370-\u03FF\u0400-\u052F]+/g);

  function compile(source, flags, fallback) {
    try { return new RegExp(source, flags); } catch (error) { return fallback; }
  }

  function fold(text) {
    var folded = String(text).toLowerCase();
    if (folded.normalize) folded = folded.normalize("NFD");
    return folded.replace(/[\u0300-\u036f]/g, "").replace(/œ/g, "oe").replace(/æ/g, "ae").replace(/ß/g, "ss");
  }

  function foldedWords(text) {
    return fold(text).match(WORD_RE) || [];
  }

  /** Other forms of a word to try when it is not in the index (plural and French -al/-aux forms). */
  function variants(word) {
    var out = [];
    function add(candidate) {
      if (candidate.length > 0 && candidate !== word && out.indexOf(candidate) < 0) out.push(candidate);
    }
    var n = word.length;
    if (n > 4 && word.slice(-4) === "eaux") add(word.slice(0, -1));
    if (n > 3 && word.slice(-3) === "ies") add(word.slice(0, -3) + "y");
    if (n > 3 && word.slice(-3) === "aux") add(word.slice(0, -3) + "al");
    if (n > 2 && word.slice(-2) === "es") add(word.slice(0, -2));
    if (n > 1 && word.slice(-1) === "s") add(word.slice(0, -1));
    if (n > 1 && word.slice(-1) === "x") add(word.slice(0, -1));
    add(word + "s");
    add(word + "es");
    add(word + "x");
    if (n > 1 && word.slice(-1) === "y") add(word.slice(0, -1) + "ies");
    if (n > 2 && word.slice(-2) === "al") add(word.slice(0, -2) + "aux");
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Loading data scripts: window.__mosaicSearch must exist before any data <script> is inserted.

  var pendingScripts = new Map(); // <script> element -> pending load
  var loads = new Map(); // absolute URL -> Promise of the payload

  function receive(kind, language, payload) {
    var script = document.currentScript;
    var entry = script ? pendingScripts.get(script) : undefined;
    if (!entry) {
      // No currentScript (old engines): the oldest load still waiting for this kind and language.
      pendingScripts.forEach(function (candidate) {
        if (!entry && !candidate.done && candidate.kind === kind && candidate.language === language &&
            (candidate.doc === undefined || (payload && payload.doc === candidate.doc))) {
          entry = candidate;
        }
      });
    }
    if (!entry || entry.done) return;
    entry.done = true;
    entry.resolve(payload);
  }

  window.__mosaicSearch = receive;

  function loadData(url, kind, language, doc) {
    var known = loads.get(url);
    if (known) return known;
    var promise = new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      var entry = { kind: kind, language: language, doc: doc, done: false, resolve: resolve };
      function finish(error) {
        pendingScripts.delete(script);
        if (script.parentNode) script.parentNode.removeChild(script);
        if (!entry.done) {
          entry.done = true;
          reject(error || new Error("no search data in " + url));
        }
      }
      pendingScripts.set(script, entry);
      script.async = true;
      script.onload = function () { finish(null); };
      script.onerror = function () { finish(new Error("cannot load " + url)); };
      script.src = url;
      (document.head || document.documentElement).appendChild(script);
    });
    loads.set(url, promise);
    promise.catch(function () { loads.delete(url); }); // a later search may try again
    return promise;
  }

  // Numbers in index files: base-64 digits of five bits each, low group first, 32 = "more follows"
  // (SearchNumbers.swift writes them).
  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var DIGIT_VALUES = {};
  for (var digit = 0; digit < DIGITS.length; digit++) DIGIT_VALUES[DIGITS.charAt(digit)] = digit;

  function decodeNumbers(text) {
    var numbers = [];
    var value = 0;
    var scale = 1;
    for (var i = 0; i < text.length; i++) {
      var digit = DIGIT_VALUES[text.charAt(i)];
      if (digit === undefined) throw new Error("bad number in search data");
      value += (digit & 31) * scale;
      if (digit & 32) {
        scale *= 32;
      } else {
        numbers.push(value);
        value = 0;
        scale = 1;
      }
    }
    return numbers;
  }

  /** A postings string (document gaps and scores) as a flat [doc, score, doc, score, ...] array. */
  function decodePostings(text) {
    if (typeof text !== "string") return text;
    var numbers = decodeNumbers(text);
    var doc = 0;
    for (var i = 0; i + 1 < numbers.length; i += 2) {
      doc += numbers[i];
      numbers[i] = doc;
    }
    return numbers;
  }

  /** The ascending documents of a facet value's list: gaps (mode 0) or runs of gap and length (mode 1). */
  function decodeDocumentSet(text) {
    var numbers = decodeNumbers(text);
    var documents = [];
    var previous = 0;
    if (numbers[0] === 1) {
      for (var i = 1; i + 1 < numbers.length; i += 2) {
        var start = previous + numbers[i];
        for (var doc = start; doc < start + numbers[i + 1]; doc++) documents.push(doc);
        previous = start + numbers[i + 1];
      }
    } else {
      for (var j = 1; j < numbers.length; j++) {
        previous += numbers[j];
        documents.push(previous);
      }
    }
    return documents;
  }

  var MULTIPLE_FACETS = { lip: true, characteristic: true };

  /** Per-document rows `[type, [lips], [characteristics], language, year]` from per-value lists. */
  function facetRows(facets) {
    if (!facets || Array.isArray(facets.documents) || !facets.lists || !Array.isArray(facets.names)) return facets;
    var rows = null;
    // Decoded on first use, so ranking and the first excerpts do not wait for it.
    Object.defineProperty(facets, "documents", {
      configurable: true,
      get: function () {
        if (!rows) rows = decodeFacetRows(facets);
        return rows;
      },
    });
    return facets;
  }

  function decodeFacetRows(facets) {
    var rows = [];
    var count = facets.documentCount || 0;
    var uniform = facets.uniform || {};
    for (var doc = 0; doc < count; doc++) {
      rows.push(facets.names.map(function (name) {
        return has(uniform, name) ? uniform[name] : MULTIPLE_FACETS[name] ? [] : -1;
      }));
    }
    facets.names.forEach(function (name, column) {
      (facets.lists[name] || []).forEach(function (list, value) {
        decodeDocumentSet(list).forEach(function (doc) {
          var row = rows[doc];
          if (!row) return;
          if (Array.isArray(row[column])) row[column].push(value); else row[column] = value;
        });
      });
    });
    return rows;
  }

  function has(object, key) {
    return object != null && Object.prototype.hasOwnProperty.call(object, key);
  }

  // ---------------------------------------------------------------------------------------------
  // One language's index.

  var PREFIX_MIN = 2;
  var PREFIX_CAP = 50;

  function LanguageIndex(language, baseURL) {
    this.language = language;
    this.base = baseURL; // absolute URL of search/<lang>/
    this.manifestPromise = null;
    this.facetsPromise = null;
  }

  LanguageIndex.prototype.load = function () {
    var self = this;
    if (!this.manifestPromise) {
      this.manifestPromise = loadData(this.base + "manifest.js", "manifest", this.language).then(function (manifest) {
        self.prepare(manifest);
        return self;
      });
      this.manifestPromise.catch(function () { self.manifestPromise = null; });
    }
    return this.manifestPromise;
  };

  LanguageIndex.prototype.prepare = function (manifest) {
    if (!manifest || !Array.isArray(manifest.chunks)) throw new Error("bad search manifest for " + this.language);
    this.manifest = manifest;
    this.chunks = manifest.chunks.slice().sort(function (a, b) { return a.from < b.from ? -1 : a.from > b.from ? 1 : 0; });
    this.stopwords = new Set(manifest.stopwords || []);
    var synonyms = new Map();
    (manifest.synonyms || []).forEach(function (group) {
      if (!Array.isArray(group)) return;
      group.forEach(function (word) {
        var list = synonyms.get(word) || [];
        group.forEach(function (other) { if (other !== word && list.indexOf(other) < 0) list.push(other); });
        synonyms.set(word, list);
      });
    });
    this.synonyms = synonyms;
    this.labels = manifest.labels || {};
  };

  /** The chunk whose inclusive range holds `word`, or null. */
  LanguageIndex.prototype.chunkFor = function (word) {
    var chunks = this.chunks;
    var low = 0;
    var high = chunks.length - 1;
    while (low <= high) {
      var middle = (low + high) >> 1;
      if (word < chunks[middle].from) high = middle - 1;
      else if (word > chunks[middle].to) low = middle + 1;
      else return chunks[middle];
    }
    return null;
  };

  LanguageIndex.prototype.chunksForPrefix = function (prefix) {
    var end = prefix + "\uffff";
    return this.chunks.filter(function (chunk) { return chunk.to >= prefix && chunk.from <= end; });
  };

  LanguageIndex.prototype.loadChunk = function (descriptor) {
    return loadData(this.base + descriptor.file, "chunk", this.language).then(function (payload) {
      if (!payload.__prepared) {
        var words = new Map();
        Object.keys(payload.words || {}).forEach(function (word) { words.set(word, payload.words[word]); });
        payload.postings = (payload.postings || []).map(decodePostings);
        Object.defineProperty(payload, "__prepared", { value: { words: words, siblings: null } });
      }
      return payload;
    });
  };

  LanguageIndex.prototype.loadFacets = function () {
    var self = this;
    var facets = this.manifest && this.manifest.facets;
    if (!facets || !facets.file) return Promise.resolve(null);
    if (!this.facetsPromise) {
      this.facetsPromise = loadData(this.base + facets.file, "facets", this.language).then(facetRows).catch(function () {
        self.facetsPromise = null;
        return null; // search still works without filters
      });
    }
    return this.facetsPromise;
  };

  LanguageIndex.prototype.fragmentURL = function (doc) {
    var fragments = this.manifest.fragments;
    if (fragments && typeof fragments === "object" && has(fragments, String(doc))) {
      var name = String(fragments[String(doc)]);
      return this.base + (name.indexOf("/") >= 0 ? name : "f/" + name);
    }
    var folder = typeof fragments === "string" ? fragments : "f/";
    if (folder && folder.slice(-1) !== "/") folder += "/";
    return this.base + folder + doc + ".js";
  };

  LanguageIndex.prototype.loadFragment = function (doc) {
    return loadData(this.fragmentURL(doc), "fragment", this.language, doc);
  };

  /** Query words of `query` for this index: folded, stopwords dropped; the last one may be a prefix. */
  LanguageIndex.prototype.terms = function (query) {
    var stopwords = this.stopwords;
    var words = foldedWords(query);
    var typingLast = endsWithWord(query);
    var terms = [];
    words.forEach(function (word, position) {
      if (stopwords.has(word)) return;
      var last = typingLast && position === words.length - 1;
      // A one-letter word still being typed after others would only empty the results for a moment.
      if (last && word.length < PREFIX_MIN && terms.length > 0) return;
      var existing = terms.filter(function (term) { return term.word === word; })[0];
      if (existing) existing.prefix = existing.prefix || (last && word.length >= PREFIX_MIN);
      else terms.push({ word: word, prefix: last && word.length >= PREFIX_MIN });
    });
    return terms;
  };

  /**
   * Scores of one query term: Map doc -> score, the max over the word's alternatives (the word
   * itself or a variant, its synonyms, and prefix completions of the last word).
   */
  LanguageIndex.prototype.scoreTerm = function (term) {
    var self = this;
    var word = term.word;
    // Every form that may be looked up: the word, its variants, their synonyms and those's variants.
    var base = [word].concat(variants(word));
    var candidates = base.slice();
    base.forEach(function (form) {
      (self.synonyms.get(form) || []).forEach(function (synonym) {
        candidates.push(synonym);
        candidates = candidates.concat(variants(synonym));
      });
    });
    var needed = new Map();
    candidates.forEach(function (candidate) {
      var chunk = self.chunkFor(candidate);
      if (chunk) needed.set(chunk.file, chunk);
    });
    if (term.prefix) this.chunksForPrefix(word).forEach(function (chunk) { needed.set(chunk.file, chunk); });
    var files = Array.from(needed.values());
    return Promise.all(files.map(function (chunk) { return self.loadChunk(chunk); })).then(function (payloads) {
      var loaded = new Map();
      files.forEach(function (chunk, position) { loaded.set(chunk.file, payloads[position]); });
      function find(candidate) {
        var chunk = self.chunkFor(candidate);
        var payload = chunk && loaded.get(chunk.file);
        if (!payload) return null;
        var slot = payload.__prepared.words.get(candidate);
        if (slot === undefined || !payload.postings || !payload.postings[slot]) return null;
        return { word: candidate, key: chunk.file + "#" + slot, payload: payload, slot: slot };
      }
      function resolve(candidate) {
        var exact = find(candidate);
        if (exact) return [exact];
        return variants(candidate).map(find).filter(Boolean);
      }
      var hits = resolve(word);
      var seenSynonyms = new Set([word]);
      hits.map(function (hit) { return hit.word; }).concat([word]).forEach(function (found) {
        (self.synonyms.get(found) || []).forEach(function (synonym) {
          if (seenSynonyms.has(synonym)) return;
          seenSynonyms.add(synonym);
          hits = hits.concat(resolve(synonym));
        });
      });
      var prefixWords = [];
      if (term.prefix) {
        needed.forEach(function (chunk) {
          if (!(chunk.to >= word && chunk.from <= word + "\uffff")) return;
          loaded.get(chunk.file).__prepared.words.forEach(function (slot, candidate) {
            if (candidate.length > word.length && candidate.slice(0, word.length) === word) prefixWords.push(candidate);
          });
        });
        prefixWords.sort(function (a, b) { return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0); });
        prefixWords.slice(0, PREFIX_CAP).forEach(function (candidate) {
          var hit = find(candidate);
          if (hit) hits.push(hit);
        });
      }
      var scores = new Map();
      var seenLists = new Set();
      var highlight = new Set();
      hits.forEach(function (hit) {
        siblings(hit.payload, hit.slot).forEach(function (sibling) { highlight.add(sibling); });
        if (seenLists.has(hit.key)) return;
        seenLists.add(hit.key);
        var list = hit.payload.postings[hit.slot];
        for (var i = 0; i + 1 < list.length; i += 2) {
          var doc = list[i];
          var score = list[i + 1];
          var previous = scores.get(doc);
          if (previous === undefined || score > previous) scores.set(doc, score);
        }
      });
      return { scores: scores, highlight: highlight, prefix: term.prefix ? word : null };
    });
  };

  /** Words of a chunk that share a postings list (same stem), for highlighting. */
  function siblings(payload, slot) {
    var prepared = payload.__prepared;
    if (!prepared.siblings) {
      prepared.siblings = new Map();
      prepared.words.forEach(function (index, word) {
        var list = prepared.siblings.get(index);
        if (!list) prepared.siblings.set(index, (list = []));
        list.push(word);
      });
    }
    return prepared.siblings.get(slot) || [];
  }

  /** Whether the query ends inside a word (still being typed) rather than after a space or mark. */
  function endsWithWord(query) {
    var text = String(query);
    if (!text.length) return false;
    var last = fold(text.slice(-1));
    return (last.match(WORD_RE) || []).length > 0 || /[\u0300-\u036f]$/.test(text.normalize ? text.normalize("NFD") : text);
  }

  /**
   * Searches one index: { language, all: [{doc, score, matched}], any: [...], terms, highlight }.
   * `all` holds the documents matching every term, `any` those matching at least one.
   */
  LanguageIndex.prototype.search = function (query) {
    var self = this;
    var terms = this.terms(query);
    if (!terms.length) return Promise.resolve({ index: self, terms: 0, all: [], any: [], highlight: emptyHighlight() });
    return Promise.all(terms.map(function (term) { return self.scoreTerm(term); })).then(function (perTerm) {
      var totals = new Map();
      perTerm.forEach(function (term) {
        term.scores.forEach(function (score, doc) {
          var total = totals.get(doc) || { doc: doc, score: 0, matched: 0 };
          total.score += score;
          total.matched += 1;
          totals.set(doc, total);
        });
      });
      var any = Array.from(totals.values());
      var all = any.filter(function (hit) { return hit.matched === terms.length; });
      var highlight = emptyHighlight();
      perTerm.forEach(function (term) {
        term.highlight.forEach(function (word) { highlight.words.add(word); });
        if (term.prefix) highlight.prefixes.push(term.prefix);
      });
      terms.forEach(function (term) { highlight.words.add(term.word); });
      return { index: self, terms: terms.length, all: all, any: any, highlight: highlight };
    });
  };

  function emptyHighlight() {
    return { words: new Set(), prefixes: [] };
  }

  // ---------------------------------------------------------------------------------------------
  // Highlighting and excerpts, built with DOM nodes only (never innerHTML with data).

  var EXCERPT_LENGTH = 240;
  var EXCERPT_LEAD = 60;

  function tokenMatches(token, highlight) {
    var words = foldedWords(token);
    for (var i = 0; i < words.length; i++) {
      if (highlight.words.has(words[i])) return true;
      for (var j = 0; j < highlight.prefixes.length; j++) {
        if (words[i].slice(0, highlight.prefixes[j].length) === highlight.prefixes[j]) return true;
      }
    }
    return false;
  }

  function matchesIn(text, highlight) {
    var found = [];
    var pattern = new RegExp(TOKEN_RE.source, TOKEN_RE.flags);
    var match;
    while ((match = pattern.exec(text)) !== null && found.length < 1000) {
      if (tokenMatches(match[0], highlight)) {
        found.push({ start: match.index, end: match.index + match[0].length, key: fold(match[0]) });
      }
    }
    return found;
  }

  /** Appends `text` to `parent`, wrapping matched words in <mark>. */
  function appendHighlighted(parent, text, highlight) {
    var position = 0;
    matchesIn(text, highlight).forEach(function (match) {
      if (match.start > position) parent.appendChild(document.createTextNode(text.slice(position, match.start)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(match.start, match.end);
      parent.appendChild(mark);
      position = match.end;
    });
    if (position < text.length) parent.appendChild(document.createTextNode(text.slice(position)));
  }

  /** The part of `text` with the most distinct matched words, cut at spaces, with ellipses. */
  function excerpt(text, highlight) {
    text = String(text || "").replace(/\s+/g, " ").trim();
    if (text.length <= EXCERPT_LENGTH) return text;
    var matches = matchesIn(text, highlight);
    var start = 0;
    if (matches.length) {
      var best = -1;
      matches.forEach(function (anchor) {
        var from = Math.max(0, anchor.start - EXCERPT_LEAD);
        var keys = new Set();
        matches.forEach(function (match) {
          if (match.start >= from && match.end <= from + EXCERPT_LENGTH) keys.add(match.key);
        });
        if (keys.size > best) {
          best = keys.size;
          start = from;
        }
      });
    }
    var end = Math.min(text.length, start + EXCERPT_LENGTH);
    if (start > 0) {
      var space = text.indexOf(" ", start);
      start = space >= 0 && space < end ? space + 1 : start;
    }
    if (end < text.length) {
      var cut = text.lastIndexOf(" ", end);
      end = cut > start ? cut : end;
    }
    return (start > 0 ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "");
  }

  // ---------------------------------------------------------------------------------------------
  // The search page.

  var PAGE_SIZE = 10;
  var DEBOUNCE = 100;
  var ANNOUNCE_DELAY = 500;

  function SearchPage(root) {
    var page = this;
    this.root = root;
    this.keyCache = new Map();
    // Intl objects take milliseconds to create: make them before the first query needs them.
    setTimeout(function () { collatorFor(page.language); page.number(0); }, 0);
    this.language = root.getAttribute("data-lang") || document.documentElement.lang || "en";
    this.siteRoot = root.getAttribute("data-root") || "";
    this.strings = readStrings(root);
    this.form = root.querySelector(".search-form");
    this.input = root.querySelector("#mosaic-search-q");
    this.bothBox = root.querySelector("#mosaic-search-both");
    this.bothRow = root.querySelector(".search-both");
    this.status = root.querySelector("#mosaic-search-status");
    this.list = root.querySelector("#mosaic-search-results");
    this.moreRow = root.querySelector(".search-more");
    this.moreButton = root.querySelector("#mosaic-search-more");
    this.filters = root.querySelector(".search-filters");
    this.facetsBox = root.querySelector("#mosaic-search-facets");
    this.clearRow = root.querySelector(".search-clear");
    this.clearButton = root.querySelector("#mosaic-search-clear");
    this.indexes = new Map();
    this.otherLanguages = otherLanguages(root, this.language);
    this.selected = new Map(); // facet name -> Set of value keys
    this.facetElements = new Map(); // facet name -> { fieldset, list, items: Map key -> elements }
    this.languageKeys = new WeakMap(); // facets payload -> key of its one language, when merging languages
    this.generation = 0;
    this.shown = PAGE_SIZE;
    this.results = [];
    this.timer = 0;
    this.announceTimer = 0;
    this.idCounter = 0;
  }

  function readStrings(root) {
    var strings = {};
    Array.prototype.forEach.call(root.attributes, function (attribute) {
      if (attribute.name.indexOf("data-t-") === 0) strings[attribute.name.slice(7)] = attribute.value;
    });
    return strings;
  }

  function otherLanguages(root, language) {
    var found = [];
    function add(code) {
      code = String(code || "").trim().toLowerCase();
      if (code && code !== language && code !== "x-default" && /^[a-z]{2,3}(-[a-z0-9]+)*$/.test(code) && found.indexOf(code) < 0) {
        found.push(code);
      }
    }
    (root.getAttribute("data-other-langs") || "").split(/\s+/).forEach(add);
    if (!found.length) {
      document.querySelectorAll(".lang-switcher a[hreflang], link[rel='alternate'][hreflang]").forEach(function (link) {
        add(link.getAttribute("hreflang"));
      });
    }
    return found;
  }

  SearchPage.prototype.text = function (key, values) {
    var pattern = has(this.strings, key) ? this.strings[key] : key;
    return pattern.replace(/\{(\w+)\}/g, function (whole, name) { return has(values, name) ? String(values[name]) : whole; });
  };

  SearchPage.prototype.number = function (value) {
    try {
      if (!this.numberFormat) this.numberFormat = new Intl.NumberFormat(this.language); // costly to create
      return this.numberFormat.format(value);
    } catch (error) { return String(value); }
  };

  SearchPage.prototype.indexFor = function (language) {
    var index = this.indexes.get(language);
    if (!index) {
      var base = new URL(this.siteRoot + "search/" + encodeURIComponent(language) + "/", document.baseURI).href;
      index = new LanguageIndex(language, base);
      this.indexes.set(language, index);
    }
    return index;
  };

  SearchPage.prototype.activeLanguages = function () {
    var languages = [this.language];
    if (this.bothBox && this.bothBox.checked) languages = languages.concat(this.otherLanguages);
    return languages;
  };

  SearchPage.prototype.start = function () {
    var self = this;
    var params = new URLSearchParams(location.search);
    var query = params.get("q");
    if (query !== null) this.input.value = query;
    if (this.otherLanguages.length && this.bothRow) {
      this.bothRow.hidden = false;
      if (params.get("both") === "1") this.bothBox.checked = true;
    }
    this.input.addEventListener("input", function () { self.schedule(); });
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.run({ announceNow: true });
    });
    if (this.bothBox) this.bothBox.addEventListener("change", function () { self.run({ announceNow: true }); });
    this.moreButton.addEventListener("click", function () { self.showMore(); });
    this.clearButton.addEventListener("click", function () {
      self.selected.clear();
      self.facetsBox.querySelectorAll("input[type=checkbox]").forEach(function (box) { box.checked = false; });
      self.refresh({ announceNow: true, focusAfter: self.input });
    });
    this.indexFor(this.language).load().catch(function () {}); // start loading before the first key
    if (this.input.value.trim()) this.run({ announceNow: true });
    else this.setStatus(this.text("prompt"), true);
  };

  SearchPage.prototype.schedule = function () {
    var self = this;
    clearTimeout(this.timer);
    this.timer = setTimeout(function () { self.run({}); }, DEBOUNCE);
  };

  SearchPage.prototype.updateURL = function (query) {
    var params = new URLSearchParams(location.search);
    if (query) params.set("q", query); else params.delete("q");
    if (this.bothBox && this.bothBox.checked) params.set("both", "1"); else params.delete("both");
    var search = params.toString();
    var url = location.pathname + (search ? "?" + search : "") + location.hash;
    try { history.replaceState(history.state, "", url); } catch (error) { /* not allowed here (some file:// pages) */ }
  };

  /** Runs the query in the box: loads what it needs, ranks, then renders. */
  SearchPage.prototype.run = function (options) {
    var self = this;
    clearTimeout(this.timer);
    var generation = ++this.generation;
    var query = this.input.value;
    this.updateURL(query.trim() ? query : "");
    this.shown = PAGE_SIZE;
    if (!foldedWords(query).length) {
      this.results = [];
      this.visible = [];
      this.query = "";
      this.renderResults([], generation);
      this.updateFacets();
      this.setStatus(query.trim() ? this.text("results-none", { query: query.trim() }) : this.text("prompt"), true);
      return Promise.resolve();
    }
    var languages = this.activeLanguages();
    var slow = setTimeout(function () {
      if (generation === self.generation) self.setStatus(self.text("loading"), true);
    }, 400);
    return Promise.all(languages.map(function (language) {
      var index = self.indexFor(language);
      return index.load().then(function () {
        var searched = index.search(query).then(function (result) {
          if (languages.length === 1 && !self.filtering()) self.prefetchExcerpts(index, result);
          return result;
        });
        return Promise.all([searched, index.loadFacets()]);
      }).then(function (parts) {
        return { language: language, index: index, result: parts[0], facets: parts[1] };
      }, function (error) {
        if (language === self.language) throw error;
        return null; // another language's index is missing: search this one alone
      });
    })).then(function (perLanguage) {
      clearTimeout(slow);
      if (generation !== self.generation) return null;
      perLanguage = perLanguage.filter(Boolean);
      self.merge(perLanguage, query);
      return self.refresh({ announceNow: options.announceNow, generation: generation });
    }).catch(function (error) {
      clearTimeout(slow);
      if (generation !== self.generation) return;
      self.results = [];
      self.visible = [];
      self.renderResults([], generation);
      self.updateFacets();
      self.setStatus(self.text("error"), true);
      if (window.console && console.warn) console.warn("Mosaic search:", error);
    });
  };

  /** Whether any facet value is checked. */
  SearchPage.prototype.filtering = function () {
    var any = false;
    this.selected.forEach(function (keys) { if (keys.size) any = true; });
    return any;
  };

  /** Starts loading the excerpts of the first page of one language's unfiltered results (in
   *  `merge`'s order) while the facets still load and the hits are sorted. */
  SearchPage.prototype.prefetchExcerpts = function (index, result) {
    var chosen = result.all.length ? result.all : result.any;
    var top = [];
    function before(a, b) { return (a.matched - b.matched) || (a.score - b.score) || (b.doc - a.doc); }
    chosen.forEach(function (hit) {
      if (top.length === PAGE_SIZE && before(hit, top[top.length - 1]) <= 0) return;
      var position = top.length;
      while (position > 0 && before(hit, top[position - 1]) > 0) position--;
      top.splice(position, 0, hit);
      if (top.length > PAGE_SIZE) top.pop();
    });
    top.forEach(function (hit) { index.loadFragment(hit.doc).catch(function () { return null; }); });
  };

  /** Combines the languages' hits: every-word matches when there are any, otherwise any-word ones. */
  SearchPage.prototype.merge = function (perLanguage, query) {
    var self = this;
    var anyAll = perLanguage.some(function (part) { return part.result.all.length > 0; });
    var hits = [];
    perLanguage.forEach(function (part) {
      var chosen = anyAll ? part.result.all : part.result.any;
      // Scores of separate indexes are not on one scale (each has its own IDF and lengths): with
      // several languages, each one's scores are taken relative to its best match, then merged.
      var best = 0;
      chosen.forEach(function (hit) { if (hit.score > best) best = hit.score; });
      chosen.forEach(function (hit) {
        hits.push({ language: part.language, index: part.index, facets: part.facets, doc: hit.doc, score: hit.score,
                    rank: perLanguage.length > 1 && best > 0 ? hit.score / best : hit.score,
                    matched: hit.matched, highlight: part.result.highlight });
      });
    });
    var pageLanguage = this.language;
    hits.sort(function (a, b) {
      return (b.matched - a.matched) || (b.rank - a.rank) ||
        ((a.language === pageLanguage ? 0 : 1) - (b.language === pageLanguage ? 0 : 1)) ||
        (a.language < b.language ? -1 : a.language > b.language ? 1 : 0) || (a.doc - b.doc);
    });
    this.partial = !anyAll && hits.length > 0 && perLanguage.some(function (part) { return part.result.terms > 1; });
    this.query = query.trim();
    this.results = hits;
    this.facetModel = this.buildFacetModel(perLanguage);
    this.keyCache = new Map(); // facets payload -> name -> value keys by position, for this model
  };

  /** A hit's facet values (name -> keys), worked out when first needed: counting thousands of hits
   *  waits until the first results are on screen. */
  SearchPage.prototype.values = function (hit) {
    if (!hit.values) hit.values = this.valuesOf(hit);
    return hit.values;
  };

  // ---------------------------------------------------------------------------------------------
  // Facets: AND across facets, OR within a facet; each facet's counts ignore its own selection.

  SearchPage.prototype.buildFacetModel = function (perLanguage) {
    var self = this;
    var names = [];
    var values = new Map(); // name -> Map key -> { key, label }
    var legends = new Map();
    this.languageKeys = new WeakMap();
    var ordered = perLanguage.slice().sort(function (a, b) {
      return (a.language === self.language ? 0 : 1) - (b.language === self.language ? 0 : 1);
    });
    ordered.forEach(function (part) {
      var facets = part.facets;
      if (!facets || !Array.isArray(facets.names)) return;
      facets.names.forEach(function (name) {
        if (names.indexOf(name) < 0) names.push(name);
        if (!legends.has(name) && part.index.labels && part.index.labels[name] && part.language === self.language) {
          legends.set(name, part.index.labels[name]);
        }
        var map = values.get(name) || new Map();
        values.set(name, map);
        var labels = (facets.values && facets.values[name]) || [];
        var uniform = name === "language" && perLanguage.length > 1 && !(facets.keys && facets.keys[name]) ?
          uniformValue(facets, name) : -1;
        if (uniform >= 0) {
          // Each index names languages in its own language ("English", "français"): with several
          // indexes, one whose documents are all in one language has that value keyed by the
          // index's language code and named in the page's language.
          self.languageKeys.set(facets, "c:" + part.language);
          map.set("c:" + part.language, { key: "c:" + part.language, label: languageName(part.language, self.language, labels[uniform]) });
          return;
        }
        labels.forEach(function (label, position) {
          var key = self.keyOf(facets, name, position);
          if (!map.has(key)) map.set(key, { key: key, label: String(label) });
        });
      });
    });
    names.forEach(function (name) {
      if (!legends.has(name)) legends.set(name, has(self.strings, "facet-" + name) ? self.strings["facet-" + name] : name);
      values.set(name, sortValues(values.get(name), self.language));
    });
    // A checked value that these indexes do not have (another language's, now off) stops filtering.
    this.selected.forEach(function (keys, name) {
      keys.forEach(function (key) { if (!values.has(name) || !values.get(name).has(key)) keys.delete(key); });
    });
    return { names: names, values: values, legends: legends };
  };

  var collators = new Map(); // language -> Intl.Collator or null; creating one costs milliseconds

  function collatorFor(language) {
    if (!collators.has(language)) {
      var collator = null;
      try { collator = new Intl.Collator(language, { sensitivity: "base", numeric: true }); } catch (error) { collator = null; }
      collators.set(language, collator);
    }
    return collators.get(language);
  }

  /** Facet values in a stable order: years newest first, anything else alphabetically. */
  function sortValues(map, language) {
    var list = Array.from(map.values());
    var years = list.length > 0 && list.every(function (value) { return /^\d{4}$/.test(value.label); });
    var collator = collatorFor(language);
    list.sort(function (a, b) {
      if (years) return Number(b.label) - Number(a.label);
      return collator ? collator.compare(a.label, b.label) : (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
    });
    var sorted = new Map();
    list.forEach(function (value) { sorted.set(value.key, value); });
    return sorted;
  }

  /** The value position every document of a facets payload has for `name`, or -1. */
  function uniformValue(facets, name) {
    var column = facets.names.indexOf(name);
    var rows = facets.documents || [];
    if (column < 0 || !rows.length) return -1;
    var first = rows[0] && rows[0][column];
    if (typeof first !== "number" || first < 0) return -1;
    for (var i = 1; i < rows.length; i++) {
      if (!rows[i] || rows[i][column] !== first) return -1;
    }
    return first;
  }

  function languageName(code, pageLanguage, fallback) {
    try {
      var name = new Intl.DisplayNames([pageLanguage], { type: "language" }).of(code);
      if (name && name !== code) return name.charAt(0).toLocaleUpperCase(pageLanguage) + name.slice(1);
    } catch (error) { /* no Intl.DisplayNames: the index's own label */ }
    return String(fallback);
  }

  /** A facet value's key in the current model (see buildFacetModel for the language facet). */
  SearchPage.prototype.keyOf = function (facets, name, position) {
    if (name === "language" && this.languageKeys.has(facets)) return this.languageKeys.get(facets);
    return facetKey(facets, name, position);
  };

  /** A facet value's identity: the optional stable `keys` when the index has them, else its label. */
  function facetKey(facets, name, position) {
    if (facets.keys && Array.isArray(facets.keys[name]) && facets.keys[name][position] != null) {
      return "k:" + facets.keys[name][position];
    }
    var labels = (facets.values && facets.values[name]) || [];
    return "l:" + labels[position];
  }

  /** name -> array of value keys, for one hit. */
  SearchPage.prototype.valuesOf = function (hit) {
    var self = this;
    var out = new Map();
    var facets = hit.facets;
    if (!facets || !Array.isArray(facets.names) || !Array.isArray(facets.documents)) return out;
    var row = facets.documents[hit.doc];
    if (!Array.isArray(row)) return out;
    facets.names.forEach(function (name, column) {
      var known = self.keysFor(facets, name);
      var cell = row[column];
      var keys = [];
      if (Array.isArray(cell)) {
        for (var i = 0; i < cell.length; i++) if (cell[i] >= 0 && cell[i] < known.length) keys.push(known[cell[i]]);
      } else if (typeof cell === "number" && cell >= 0 && cell < known.length) {
        keys.push(known[cell]);
      }
      out.set(name, keys);
    });
    return out;
  };

  /** The keys of a facets payload's values for `name`, by position (cached for this model). */
  SearchPage.prototype.keysFor = function (facets, name) {
    var self = this;
    var cache = this.keyCache.get(facets);
    if (!cache) {
      cache = new Map();
      this.keyCache.set(facets, cache);
    }
    var known = cache.get(name);
    if (!known) {
      var labels = (facets.values && facets.values[name]) || [];
      known = labels.map(function (label, position) { return self.keyOf(facets, name, position); });
      cache.set(name, known);
    }
    return known;
  };

  SearchPage.prototype.passes = function (hit, except) {
    var self = this;
    var ok = true;
    this.selected.forEach(function (keys, name) {
      if (!ok || name === except || !keys.size) return;
      var values = self.values(hit).get(name) || [];
      ok = values.some(function (key) { return keys.has(key); });
    });
    return ok;
  };

  SearchPage.prototype.filtered = function () {
    var self = this;
    return this.results.filter(function (hit) { return self.passes(hit, null); });
  };

  SearchPage.prototype.updateFacets = function () {
    var self = this;
    var model = this.facetModel;
    var active = this.results.length > 0 && model && model.names.length > 0;
    var anySelected = false;
    this.selected.forEach(function (keys) { if (keys.size) anySelected = true; });
    this.filters.hidden = !active && !anySelected;
    this.clearRow.hidden = !anySelected;
    if (!model) return;
    model.names.forEach(function (name) {
      // Tallies by value position per payload (a typed array), then by key: thousands of hits
      // count in a few milliseconds.
      var filtering = false;
      self.selected.forEach(function (keys, other) { if (other !== name && keys.size) filtering = true; });
      var tallies = new Map();
      self.results.forEach(function (hit) {
        var facets = hit.facets;
        if (!facets || !Array.isArray(facets.names) || (filtering && !self.passes(hit, name))) return;
        var tally = tallies.get(facets);
        if (!tally) {
          tally = { column: facets.names.indexOf(name), counts: new Int32Array(self.keysFor(facets, name).length) };
          tallies.set(facets, tally);
        }
        var row = tally.column >= 0 ? facets.documents[hit.doc] : null;
        var cell = row ? row[tally.column] : -1;
        if (Array.isArray(cell)) {
          for (var i = 0; i < cell.length; i++) if (cell[i] >= 0 && cell[i] < tally.counts.length) tally.counts[cell[i]]++;
        } else if (typeof cell === "number" && cell >= 0 && cell < tally.counts.length) {
          tally.counts[cell]++;
        }
      });
      var counts = new Map();
      tallies.forEach(function (tally, facets) {
        var keys = self.keysFor(facets, name);
        for (var i = 0; i < keys.length; i++) {
          if (tally.counts[i]) counts.set(keys[i], (counts.get(keys[i]) || 0) + tally.counts[i]);
        }
      });
      self.renderFacet(name, model, counts);
    });
    this.facetElements.forEach(function (element, name) {
      if (model.names.indexOf(name) < 0) element.fieldset.hidden = true;
    });
  };

  SearchPage.prototype.renderFacet = function (name, model, counts) {
    var element = this.facetElements.get(name);
    if (!element) {
      var fieldset = document.createElement("fieldset");
      fieldset.className = "search-facet";
      fieldset.setAttribute("data-facet", name);
      var legend = document.createElement("legend");
      var list = document.createElement("ul");
      list.className = "search-facet-values";
      fieldset.appendChild(legend);
      fieldset.appendChild(list);
      this.facetsBox.appendChild(fieldset);
      element = { fieldset: fieldset, legend: legend, list: list, items: new Map() };
      this.facetElements.set(name, element);
    }
    element.legend.textContent = model.legends.get(name) || name;
    var selected = this.selected.get(name) || new Set();
    var values = Array.from((model.values.get(name) || new Map()).values());
    var wanted = values.filter(function (value) { return (counts.get(value.key) || 0) > 0 || selected.has(value.key); });
    var wantedKeys = new Set(wanted.map(function (value) { return value.key; }));
    element.items.forEach(function (item, key) {
      if (!wantedKeys.has(key)) {
        if (item.li.parentNode) item.li.parentNode.removeChild(item.li);
        element.items.delete(key);
      }
    });
    var next = null;
    for (var i = wanted.length - 1; i >= 0; i--) {
      var value = wanted[i];
      var item = element.items.get(value.key);
      if (!item) {
        item = this.facetItem(name, value);
        element.items.set(value.key, item);
        element.list.insertBefore(item.li, next);
      } else if (item.li.nextSibling !== next) {
        element.list.insertBefore(item.li, next); // only when the order changed
      }
      item.label.textContent = value.label;
      item.count.textContent = "(" + this.number(counts.get(value.key) || 0) + ")";
      item.box.checked = selected.has(value.key);
      next = item.li;
    }
    element.fieldset.hidden = wanted.length === 0;
  };

  SearchPage.prototype.facetItem = function (name, value) {
    var self = this;
    var li = document.createElement("li");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.id = "mosaic-facet-" + (++this.idCounter);
    box.value = value.label;
    box.setAttribute("data-facet", name);
    var labelElement = document.createElement("label");
    labelElement.htmlFor = box.id;
    var label = document.createElement("span");
    label.className = "facet-label";
    var count = document.createElement("span");
    count.className = "facet-count";
    labelElement.appendChild(label);
    labelElement.appendChild(document.createTextNode(" "));
    labelElement.appendChild(count);
    li.appendChild(box);
    li.appendChild(document.createTextNode(" "));
    li.appendChild(labelElement);
    box.addEventListener("change", function () {
      var keys = self.selected.get(name) || new Set();
      if (box.checked) keys.add(value.key); else keys.delete(value.key);
      self.selected.set(name, keys);
      self.refresh({ announceNow: true });
    });
    return { li: li, box: box, label: label, count: count };
  };

  // ---------------------------------------------------------------------------------------------
  // Results.

  /** Applies the filters to the current hits and renders results, facets and the status. */
  SearchPage.prototype.refresh = function (options) {
    var self = this;
    var generation = options.generation || ++this.generation;
    if (!options.generation) this.shown = PAGE_SIZE;
    var visible = this.filtered();
    this.visible = visible;
    // Results first: their excerpts load while nothing else holds the page; counts follow.
    return this.renderResults(visible.slice(0, this.shown), generation).then(function (rendered) {
      if (!rendered) return;
      self.updateFacets();
      self.moreRow.hidden = visible.length <= self.shown;
      self.announce(visible.length, options.announceNow);
      if (options.focusAfter) options.focusAfter.focus();
    });
  };

  SearchPage.prototype.showMore = function () {
    var self = this;
    var generation = ++this.generation;
    var start = this.shown;
    this.shown += PAGE_SIZE;
    var visible = this.visible || [];
    return this.renderResults(visible.slice(0, this.shown), generation).then(function (rendered) {
      if (!rendered) return;
      self.moreRow.hidden = visible.length <= self.shown;
      var items = self.list.querySelectorAll(".search-result");
      var first = items[start] && items[start].querySelector("a");
      if (first) first.focus();
    });
  };

  /** Loads the fragments of `hits` and replaces the list; false when a newer search took over. */
  SearchPage.prototype.renderResults = function (hits, generation) {
    var self = this;
    return Promise.all(hits.map(function (hit) {
      return hit.index.loadFragment(hit.doc).catch(function () { return null; });
    })).then(function (fragments) {
      if (generation !== self.generation) return false;
      var items = document.createDocumentFragment();
      hits.forEach(function (hit, position) {
        var fragment = fragments[position];
        if (fragment) items.appendChild(self.resultItem(hit, fragment));
      });
      while (self.list.firstChild) self.list.removeChild(self.list.firstChild);
      self.list.appendChild(items);
      self.list.setAttribute("data-count", String((self.visible || hits).length));
      self.list.setAttribute("data-query", self.query || "");
      if (!hits.length) self.moreRow.hidden = true;
      return true;
    });
  };

  SearchPage.prototype.href = function (url) {
    url = String(url || "");
    if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.charAt(0) === "/" || url.charAt(0) === "#") return url;
    return this.siteRoot + url;
  };

  SearchPage.prototype.resultItem = function (hit, fragment) {
    var language = fragment.language || hit.language;
    var foreign = language !== this.language;
    var li = document.createElement("li");
    li.className = "search-result";
    li.setAttribute("data-score", String(hit.score));
    li.setAttribute("data-rank", String(hit.rank));
    li.setAttribute("data-lang", language);
    li.setAttribute("data-doc", String(hit.doc));

    var title = document.createElement("p");
    title.className = "item-title";
    var link = document.createElement("a");
    link.href = this.href(fragment.url);
    if (foreign) {
      link.setAttribute("lang", language);
      link.setAttribute("hreflang", language);
    }
    appendHighlighted(link, String(fragment.title || fragment.url || ""), hit.highlight);
    title.appendChild(link);
    if (foreign) {
      title.appendChild(document.createTextNode(" "));
      var hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = this.text("document-language");
      title.appendChild(hidden);
      title.appendChild(document.createTextNode(" "));
      var badge = document.createElement("span");
      badge.className = "lang-badge";
      badge.setAttribute("lang", language);
      badge.textContent = language.toUpperCase();
      title.appendChild(badge);
    }
    li.appendChild(title);

    var meta = document.createElement("p");
    meta.className = "item-meta search-result-meta";
    function part(className, text, lang) {
      if (!text) return;
      if (meta.firstChild) meta.appendChild(document.createTextNode(" "));
      var span = document.createElement("span");
      span.className = className;
      if (lang) span.setAttribute("lang", lang);
      span.textContent = String(text);
      meta.appendChild(span);
    }
    part("item-type", fragment.type, foreign ? language : null);
    part("item-lip", fragment.lip, foreign ? language : null);
    if (fragment.dateText || fragment.date) {
      if (meta.firstChild) meta.appendChild(document.createTextNode(" "));
      var time = document.createElement(fragment.date && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(fragment.date) ? "time" : "span");
      time.className = "item-date";
      if (time.tagName === "TIME") time.setAttribute("datetime", fragment.date);
      if (foreign) time.setAttribute("lang", language);
      time.textContent = String(fragment.dateText || fragment.date);
      meta.appendChild(time);
    }
    if (meta.firstChild) li.appendChild(meta);

    var text = excerpt(fragment.text, hit.highlight);
    if (text) {
      var summary = document.createElement("p");
      summary.className = "item-summary search-excerpt";
      if (foreign) summary.setAttribute("lang", language);
      appendHighlighted(summary, text, hit.highlight);
      li.appendChild(summary);
    }
    return li;
  };

  SearchPage.prototype.announce = function (count, now) {
    var key = count === 0 ? "results-none" : count === 1 ? "results-one" : "results-other";
    var message = this.text(key, { count: this.number(count), query: this.query });
    if (this.partial && count > 0) message += " " + this.text("partial");
    this.setStatus(message, now);
  };

  SearchPage.prototype.setStatus = function (message, now) {
    var self = this;
    clearTimeout(this.announceTimer);
    if (now) {
      this.status.textContent = message;
      return;
    }
    // Wait until typing pauses, so a screen reader is not told every intermediate count.
    this.announceTimer = setTimeout(function () { self.status.textContent = message; }, ANNOUNCE_DELAY);
  };

  // ---------------------------------------------------------------------------------------------

  window.MosaicSearch = { fold: fold, words: foldedWords, variants: variants, excerpt: excerpt, LanguageIndex: LanguageIndex };

  function boot() {
    var root = document.getElementById("mosaic-search");
    if (!root || root.getAttribute("data-ready")) return;
    root.setAttribute("data-ready", "true");
    var page = new SearchPage(root);
    window.MosaicSearch.page = page;
    page.start();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
  else boot();
})();
