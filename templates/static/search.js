// The site's search page: reads the archive's static index (site_builder/search/
// browser_index.py) and shows the best articles. Kept in a file, not inline, so the
// pages can forbid inline scripts. Results are built as DOM nodes from text, never as
// HTML: titles and excerpts come from archived pages.
(function () {
  "use strict";

  var K1 = 1.2; // BM25, as browser_index.py weighs postings
  var PAGE_SIZE = 10;
  var EXPANSIONS = 12; // forms looked for when a word is not in the archive as typed
  var EXPANDED_WEIGHT = 0.8; // a form of the word counts a little less than the word
  var EXCERPT_WORDS = 32;
  var PHRASE_CHECKED = 30; // best results read for a quoted phrase, to put those with it first
  var WORD = /[\p{L}\p{N}_]+/gu;
  var CJK_CLASS = "\u3005\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff" +
    "\uf900-\ufaff\uff66-\uff9f\u{20000}-\u{3134f}";
  var CJK = new RegExp("[" + CJK_CLASS + "]", "u");
  var CJK_RUNS = new RegExp("[" + CJK_CLASS + "]+|[^" + CJK_CLASS + "]+", "gu");
  var FIELDS = { site: "site", tag: "tag", tags: "tag", year: "year", published: "year",
    lang: "lang", language: "lang", has: "has" };

  // As browser_terms.py: words are runs of letters, digits and "_"; a word is looked up
  // in lower case without Latin accents.
  function wordsOf(text) {
    return String(text).normalize("NFC").match(WORD) || [];
  }
  function fold(word) {
    return word.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").normalize("NFC");
  }
  function firstLetters(word, count) {
    return Array.from(word).slice(0, count).join("");
  }
  // As cjk.pieces: a run of CJK characters gives its overlapping pairs.
  function pieces(word) {
    var found = [];
    (word.toLowerCase().match(CJK_RUNS) || []).forEach(function (run) {
      var chars = Array.from(run);
      if (chars.length < 2 || !CJK.test(chars[0])) {
        found.push(run);
      } else {
        for (var at = 0; at < chars.length - 1; at++) {
          found.push(chars[at] + chars[at + 1]);
        }
      }
    });
    return found;
  }

  var CRC_TABLE = (function () {
    var table = new Uint32Array(256);
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) {
        c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      }
      table[n] = c >>> 0;
    }
    return table;
  })();
  var encoder = new TextEncoder();
  var decoder = new TextDecoder();
  // zlib.crc32 of the UTF-8 bytes, as browser_index.shard_of.
  function shardOf(key, shards) {
    var bytes = encoder.encode(key);
    var crc = 0xffffffff;
    for (var i = 0; i < bytes.length; i++) {
      crc = CRC_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
    }
    return ((crc ^ 0xffffffff) >>> 0) % shards;
  }

  // A query: the words to rank by, the filters every result must pass, the words no
  // result may have. Field names and -word as the command line writes them.
  var MARKED = ["has:highlights", "has:notes"];

  function parse(query) {
    var parsed = { words: [], filters: [], excluded: [], phrases: [] };
    var token = /(-?)(?:([A-Za-z]+):)?("[^"]*"?|\[[^\]]*\]?|\S+)/g;
    var match;
    while ((match = token.exec(query)) !== null) {
      var negated = match[1] === "-";
      var field = match[2] ? FIELDS[match[2].toLowerCase()] : null;
      var value = match[3].replace(/^["[]|["\]]$/g, "");
      if (!negated && !match[2] && /^(AND|OR|NOT)$/.test(value)) {
        continue;
      }
      if (field === "year") {
        var years = value.match(/\d{4}/g) || [];
        var options = [];
        for (var y = Number(years[0]); years.length && y <= Number(years[years.length - 1]); y++) {
          options.push("year:" + y);
        }
        parsed.filters.push(options);
      } else if (field === "tag") {
        parsed.filters.push(["tag:" + wordsOf(fold(value)).join(" ")]);
      } else if (field) {
        wordsOf(value).forEach(function (w) { parsed.filters.push([field + ":" + fold(w)]); });
      } else {
        var prefix = /\*$/.test(value);
        var words = wordsOf(value);
        words.forEach(function (w) {
          (negated ? parsed.excluded : parsed.words).push({ text: w, prefix: prefix });
        });
        if (!negated && match[3].charAt(0) === '"' && words.length > 1) {
          parsed.phrases.push(words.map(fold).join(" "));
        }
      }
    }
    return parsed;
  }

  function Index(root) {
    this.base = root + "search/";
    this.cache = {};
  }
  // A dropped connection or a server's passing error (5xx) is asked once more after a
  // moment; a file that is not there (404) is not. A part that still failed leaves the
  // cache, so the next search asks for it again rather than failing for good.
  var RETRY_MS = 300;
  Index.prototype.fetch = function (path, kind) {
    var cache = this.cache;
    if (!cache[path]) {
      var options = kind === "manifest" ? { cache: "no-cache" } : {};
      var read = function (response) {
        if (!response.ok) {
          var error = new Error("HTTP " + response.status + " for " + path);
          error.passing = response.status >= 500;
          throw error;
        }
        return kind === "bytes" ? response.arrayBuffer() : response.json();
      };
      var once = function () {
        return fetch(path, options).catch(function (error) {
          error.passing = true; // no answer at all: the connection dropped
          throw error;
        }).then(read);
      };
      cache[path] = once().catch(function (error) {
        if (error.passing === false) {
          throw error;
        }
        return new Promise(function (resolve) { window.setTimeout(resolve, RETRY_MS); }).then(once);
      }).catch(function (error) {
        delete cache[path];
        throw error;
      });
    }
    return cache[path];
  };
  Index.prototype.manifest = function () {
    var self = this;
    return this.fetch(this.base + "index.json", "manifest").then(function (manifest) {
      self.folder = self.base + manifest.generation + "/";
      self.info = manifest;
      self.stop = new Set(manifest.stopWords);
      return manifest;
    });
  };
  Index.prototype.vocabulary = function (word) {
    var shard = shardOf(firstLetters(word, this.info.prefixLetters), this.info.wordShards);
    return this.fetch(this.folder + "w/" + shard + ".json", "json");
  };
  // A term's postings: {df, numbers, weights}, or null when no article has it.
  Index.prototype.postings = function (term) {
    var shard = shardOf(term, this.info.postingShards);
    return this.fetch(this.folder + "p/" + shard + ".bin", "bytes").then(function (buffer) {
      return findTerm(new Uint8Array(buffer), term);
    });
  };
  Index.prototype.document = function (number) {
    // A card keeps its address while its article is unchanged; the generation in the
    // query makes a browser fetch it again after a build.
    return this.fetch(this.base + "docs/" + number + ".json?" + this.info.generation, "json");
  };
  Index.prototype.day = function (number) {
    var chunk = Math.floor(number / this.info.daysPerChunk);
    return this.fetch(this.folder + "t/" + chunk + ".bin", "bytes").then(function (buffer) {
      var at = (number % this.info.daysPerChunk) * 2;
      return at + 1 < buffer.byteLength ? new DataView(buffer).getUint16(at, true) : 0;
    }.bind(this));
  };

  // The shard's layout, from browser_index._encoded_term: per term, varint name length,
  // name, article count, kept count, the kept articles' number gaps, their weights.
  function findTerm(bytes, term) {
    var at = 0;
    function varint() {
      var value = 0, shift = 0, byte;
      do {
        byte = bytes[at++];
        value += (byte & 0x7f) * Math.pow(2, shift);
        shift += 7;
      } while (byte & 0x80);
      return value;
    }
    while (at < bytes.length) {
      var length = varint();
      var name = decoder.decode(bytes.subarray(at, at + length));
      at += length;
      var df = varint();
      var kept = varint();
      if (name !== term) {
        for (var skip = 0; skip < kept; skip++) {
          varint();
        }
        at += kept;
        continue;
      }
      var numbers = new Array(kept);
      var number = 0;
      for (var i = 0; i < kept; i++) {
        number += varint();
        numbers[i] = number;
      }
      return { df: df, numbers: numbers, weights: bytes.subarray(at, at + kept) };
    }
    return null;
  }

  // The terms a typed word stands for, with how much each counts: the word's own
  // terms; else (a word typed part-way, or a form the archive lacks: "protesting"
  // where it has "protests") the words it begins, or that begin it, or whose term
  // begins it.
  function termsOf(index, word) {
    var folded = fold(word.text);
    if (CJK.test(folded)) {
      var cut = pieces(folded);
      return Promise.resolve({ groups: cut.map(function (t) { return [[t, 1]]; }), forms: [word.text] });
    }
    if (Array.from(folded).length < 2 || index.stop.has(folded)) {
      return Promise.resolve({ groups: [], forms: [] });
    }
    return index.vocabulary(folded).then(function (vocabulary) {
      var own = termList(vocabulary, folded);
      if (own.length && !word.prefix) {
        return { groups: [own.map(function (t) { return [t, 1]; })], forms: formsOf(vocabulary, own) };
      }
      var stemLength = Math.max(4, Math.ceil(0.6 * folded.length));
      var found = {};
      Object.keys(vocabulary).filter(function (other) {
        if (other.indexOf(folded) === 0) {
          return true;
        }
        if (word.prefix || other.length < stemLength) {
          return false;
        }
        return folded.indexOf(other) === 0 || termList(vocabulary, other).some(function (t) {
          return t.length >= stemLength && folded.indexOf(t) === 0;
        });
      }).sort(function (a, b) {
        return a.length - b.length || (a < b ? -1 : 1);
      }).slice(0, EXPANSIONS).forEach(function (other) {
        termList(vocabulary, other).forEach(function (t) { found[t] = EXPANDED_WEIGHT; });
      });
      own.forEach(function (t) { found[t] = 1; });
      var terms = Object.keys(found);
      return {
        groups: terms.length ? [terms.map(function (t) { return [t, found[t]]; })] : [[]],
        forms: formsOf(vocabulary, terms)
      };
    });
  }
  function termList(vocabulary, word) {
    var entry = vocabulary[word];
    if (entry === undefined) {
      return [];
    }
    return entry === 0 ? [word] : typeof entry === "string" ? [entry] : entry;
  }
  // The words of the shard with one of the terms: what an excerpt marks.
  function formsOf(vocabulary, terms) {
    var wanted = new Set(terms);
    return Object.keys(vocabulary).filter(function (word) {
      return termList(vocabulary, word).some(function (t) { return wanted.has(t); });
    });
  }

  function idf(df, documents) {
    return Math.log(1 + (documents - df + 0.5) / (df + 0.5));
  }

  // Ranks the archive for a query: [{number, matched, score}], best first; with the
  // forms of the words, for the excerpts.
  // markedOnly: only the articles with highlights or notes (the page's check box).
  function search(index, query, sort, markedOnly) {
    var parsed = parse(query);
    if (markedOnly) {
      parsed.filters.push(MARKED);
    }
    return index.manifest().then(function (manifest) {
      return Promise.all([
        Promise.all(parsed.words.map(function (w) { return termsOf(index, w); })),
        Promise.all(parsed.filters.map(function (options) {
          return Promise.all(options.map(function (t) { return index.postings(t); }));
        })),
        Promise.all(parsed.excluded.map(function (w) { return termsOf(index, w); }))
      ]).then(function (found) {
        return rank(index, manifest, found[0], found[1], found[2]);
      }).then(function (ranked) {
        return parsed.phrases.length ? phrasesFirst(index, ranked, parsed.phrases) : ranked;
      }).then(function (ranked) {
        return sort === "date" ? byDate(index, ranked) : ranked;
      });
    });
  }

  function rank(index, manifest, wordTerms, filterPostings, excludedTerms) {
    var groups = [];
    var forms = [];
    wordTerms.forEach(function (w) {
      groups.push.apply(groups, w.groups);
      forms.push.apply(forms, w.forms);
    });
    var allTerms = groups.concat.apply([], groups).map(function (pair) { return pair[0]; });
    excludedTerms.forEach(function (w) {
      w.groups.forEach(function (g) { g.forEach(function (pair) { allTerms.push(pair[0]); }); });
    });
    var wanted = Array.from(new Set(allTerms));
    return Promise.all(wanted.map(function (t) { return index.postings(t); })).then(function (lists) {
      var postings = {};
      wanted.forEach(function (t, i) { postings[t] = lists[i]; });
      var allowed = allowedBy(filterPostings);
      var scores = new Map();
      groups.forEach(function (group) {
        var best = new Map();
        group.forEach(function (pair) {
          var list = postings[pair[0]];
          if (!list) {
            return;
          }
          var rarity = idf(list.df, manifest.documents) * pair[1] * (K1 + 1) / 255;
          for (var i = 0; i < list.numbers.length; i++) {
            var value = rarity * list.weights[i];
            var number = list.numbers[i];
            if (!best.has(number) || best.get(number) < value) {
              best.set(number, value);
            }
          }
        });
        best.forEach(function (value, number) {
          var entry = scores.get(number) || { number: number, matched: 0, score: 0 };
          entry.matched += 1;
          entry.score += value;
          scores.set(number, entry);
        });
      });
      if (!groups.length && allowed) {
        allowed.forEach(function (number) {
          scores.set(number, { number: number, matched: 0, score: 0 });
        });
      }
      excludedTerms.forEach(function (w) {
        w.groups.forEach(function (g) {
          g.forEach(function (pair) {
            (postings[pair[0]] || { numbers: [] }).numbers.forEach(function (n) { scores.delete(n); });
          });
        });
      });
      var ranked = Array.from(scores.values()).filter(function (entry) {
        return !allowed || allowed.has(entry.number);
      });
      ranked.sort(function (a, b) {
        return b.matched - a.matched || b.score - a.score || b.number - a.number;
      });
      return { results: ranked, words: groups.length, forms: forms };
    });
  }

  // The articles every filter lets through (a filter's options are alternatives), or
  // null when there is no filter.
  function allowedBy(filterPostings) {
    var allowed = null;
    filterPostings.forEach(function (options) {
      var passing = new Set();
      options.forEach(function (list) {
        (list ? list.numbers : []).forEach(function (n) { passing.add(n); });
      });
      allowed = allowed === null ? passing : new Set(Array.from(allowed).filter(function (n) {
        return passing.has(n);
      }));
    });
    return allowed;
  }

  // The index knows words, not their order: of the best results with every word, those
  // whose text has each quoted phrase come first.
  function phrasesFirst(index, ranked, phrases) {
    var checked = ranked.results.slice(0, PHRASE_CHECKED).filter(function (entry) {
      return entry.matched === ranked.words;
    });
    return Promise.all(checked.map(function (entry) {
      return index.document(entry.number).then(function (doc) {
        var text = " " + wordsOf(doc.t + " " + doc.x).map(fold).join(" ") + " ";
        entry.phrases = phrases.filter(function (p) {
          return text.indexOf(" " + p + " ") >= 0;
        }).length;
      });
    })).then(function () {
      ranked.results.sort(function (a, b) {
        return b.matched - a.matched || (b.phrases || 0) - (a.phrases || 0) ||
          b.score - a.score || b.number - a.number;
      });
      return ranked;
    });
  }

  function byDate(index, ranked) {
    return Promise.all(ranked.results.map(function (entry) {
      return index.day(entry.number).then(function (day) { entry.day = day; });
    })).then(function () {
      ranked.results.sort(function (a, b) {
        return b.matched - a.matched || b.day - a.day || b.number - a.number;
      });
      return ranked;
    });
  }

  // The part of the text with the most matched words, as text and <mark> nodes.
  function excerpt(text, forms, query) {
    var wanted = new Set(forms.map(fold));
    var cjk = (query.match(new RegExp("[" + CJK_CLASS + "]+", "gu")) || []);
    var tokens = [];
    var word = new RegExp(WORD.source, "gu");
    var match;
    while ((match = word.exec(text)) !== null && tokens.length < 20000) {
      var hit = wanted.has(fold(match[0])) || cjk.some(function (run) {
        return match[0].indexOf(run) >= 0;
      });
      tokens.push({ start: match.index, end: match.index + match[0].length, hit: hit });
    }
    if (!tokens.length) {
      return [document.createTextNode("")];
    }
    var best = 0, bestHits = -1;
    for (var i = 0; i < tokens.length; i++) {
      if (!tokens[i].hit && i !== 0) {
        continue;
      }
      var from = Math.max(0, i - 6);
      var hits = 0;
      for (var j = from; j < Math.min(tokens.length, from + EXCERPT_WORDS); j++) {
        hits += tokens[j].hit ? 1 : 0;
      }
      if (hits > bestHits) {
        best = from;
        bestHits = hits;
      }
    }
    var last = Math.min(tokens.length, best + EXCERPT_WORDS) - 1;
    var nodes = [];
    var at = tokens[best].start;
    if (best > 0) {
      nodes.push(document.createTextNode("… "));
    }
    for (var t = best; t <= last; t++) {
      var token = tokens[t];
      if (!token.hit) {
        continue;
      }
      nodes.push(document.createTextNode(text.slice(at, token.start)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(token.start, token.end);
      nodes.push(mark);
      at = token.end;
    }
    nodes.push(document.createTextNode(text.slice(at, tokens[last].end) +
      (last < tokens.length - 1 ? " …" : "")));
    return nodes;
  }

  window.archiveSearch = { parse: parse, fold: fold, wordsOf: wordsOf, pieces: pieces,
    shardOf: shardOf, search: search, Index: Index, excerpt: excerpt };

  // The page.
  var unavailable = document.getElementById("search-unavailable");
  var form = document.getElementById("search-form");
  if (!form) {
    return;
  }
  if (window.location.protocol === "file:") {
    return; // the notice that says to serve the site stays
  }
  unavailable.hidden = true;
  // search.html sits at the site root, so its folder is the root, wherever the site is
  // hosted: "/" on a custom domain, "/repo/" on GitHub Pages.
  var root = new URL("./", window.location.href).pathname;
  var index = new Index(root);
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var sorter = document.querySelector(".search-sort");
  var marked = document.getElementById("search-marked");
  var current = null;
  var asked = 0;

  function sortOrder() {
    var checked = sorter.querySelector("input:checked");
    return checked ? checked.value : "relevance";
  }

  // Appends a page of results, unless a newer query has been asked meanwhile (its
  // results would be mixed with these).
  function show(ranked, query, from, ask) {
    var shown = ranked.results.slice(from, from + PAGE_SIZE);
    return Promise.all(shown.map(function (entry) { return index.document(entry.number); }))
      .then(function (documents) {
        if (ask !== asked) {
          return;
        }
        documents.forEach(function (doc) {
          list.appendChild(resultItem(doc, ranked.forms, query));
        });
        more.hidden = from + PAGE_SIZE >= ranked.results.length;
      });
  }

  function resultItem(doc, forms, query) {
    var item = document.createElement("li");
    var heading = document.createElement("h2");
    var link = document.createElement("a");
    link.href = root + doc.p;
    link.textContent = doc.t;
    heading.appendChild(link);
    item.appendChild(heading);
    var meta = [doc.s, doc.d].filter(Boolean).join(" · ");
    if (meta) {
      var line = document.createElement("p");
      line.className = "meta";
      line.textContent = meta;
      item.appendChild(line);
    }
    var text = document.createElement("p");
    text.className = "excerpt";
    excerpt(doc.x, forms, query).forEach(function (node) { text.appendChild(node); });
    item.appendChild(text);
    return item;
  }

  function run() {
    var query = input.value.trim();
    var ask = ++asked;
    var params = new URLSearchParams(window.location.search);
    if (query) {
      params.set("q", query);
    } else {
      params.delete("q");
    }
    if (marked.checked) {
      params.set("marked", "1");
    } else {
      params.delete("marked");
    }
    var search_ = params.toString();
    window.history.replaceState(null, "", search_ ? "?" + search_ : window.location.pathname);
    if (!query && !marked.checked) {
      list.textContent = "";
      status.textContent = "";
      more.hidden = true;
      return;
    }
    search(index, query, sortOrder(), marked.checked).then(function (ranked) {
      if (ask !== asked) {
        return null; // a newer query is on its way
      }
      current = { ranked: ranked, query: query, shown: 0, ask: ask };
      list.textContent = "";
      var all = ranked.results.filter(function (r) { return r.matched === ranked.words; }).length;
      var count = ranked.results.length;
      status.textContent = count === 0 ? "No articles match." :
        all === 0 && ranked.words ? "No article has every word; " +
          (count === 1 ? "1 has" : count + " have") + " some of them." :
        count === 1 ? "1 article." :
        all === count || !ranked.words ? count + " articles." :
        count + " articles, " + all + " with every word.";
      return show(ranked, query, 0, ask);
    }).catch(function (error) {
      if (ask !== asked) {
        return; // a newer query is on its way
      }
      status.textContent = error && error.passing ?
        "Part of the search index did not arrive. Search again in a moment." :
        "The search index is missing or damaged. Run `make build` to make it again.";
    });
  }

  var timer = null;
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(run, 150);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(timer);
    run();
  });
  sorter.addEventListener("change", run);
  marked.addEventListener("change", run);
  more.addEventListener("click", function () {
    if (current) {
      current.shown += PAGE_SIZE;
      show(current.ranked, current.query, current.shown, current.ask);
    }
  });

  index.manifest().then(function (manifest) {
    form.hidden = false;
    sorter.hidden = false;
    marked.closest(".search-marked").hidden = false;
    marked.checked = new URLSearchParams(window.location.search).get("marked") === "1";
    if (!manifest.documents) {
      status.textContent = "The archive has no articles to search yet.";
    }
    input.value = new URLSearchParams(window.location.search).get("q") || "";
    input.focus();
    if (input.value || marked.checked) {
      run();
    }
  }).catch(function () {
    unavailable.textContent = "The search index is missing. Run `make build` to create it.";
    unavailable.hidden = false;
  });
})();
