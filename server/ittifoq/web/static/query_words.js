// Plain words for a query the endpoint refused: an unknown prefix ("did you mean person:?")
// or a misspelt keyword is named, with its line and column; otherwise the parser's own
// message, with the position it gives. Exposed as window.IttifoqQueryWords for query.js.
(function () {
  "use strict";
  const KEYWORDS = ["SELECT", "CONSTRUCT", "DESCRIBE", "ASK", "WHERE", "FROM", "NAMED", "PREFIX", "BASE",
    "DISTINCT", "REDUCED", "OPTIONAL", "FILTER", "UNION", "MINUS", "GRAPH", "SERVICE", "BIND", "VALUES", "AS",
    "GROUP", "BY", "HAVING", "ORDER", "ASC", "DESC", "LIMIT", "OFFSET", "NOT", "EXISTS", "IN", "UNDEF",
    "COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT", "SEPARATOR", "LANG", "LANGMATCHES",
    "DATATYPE", "BOUND", "IRI", "URI", "BNODE", "STR", "STRLEN", "SUBSTR", "UCASE", "LCASE", "STRSTARTS",
    "STRENDS", "CONTAINS", "STRBEFORE", "STRAFTER", "CONCAT", "REPLACE", "REGEX", "YEAR", "MONTH", "DAY",
    "NOW", "IF", "COALESCE", "ISIRI", "ISURI", "ISBLANK", "ISLITERAL", "ISNUMERIC", "SAMETERM", "ABS",
    "ROUND", "CEIL", "FLOOR", "RAND", "ENCODE_FOR_URI", "TRUE", "FALSE", "LOAD", "CLEAR", "DROP", "INSERT",
    "DELETE", "DATA", "WITH", "USING", "DEFAULT", "ALL", "SILENT", "INTO", "TO", "CREATE", "ADD", "MOVE", "COPY"];
  const KEYWORD_SET = new Set(KEYWORDS);

  function distance(a, b) {
    const d = Array.from({ length: a.length + 1 }, (_, i) => [i]);
    for (let j = 1; j <= b.length; j++) d[0][j] = j;
    for (let i = 1; i <= a.length; i++) {
      for (let j = 1; j <= b.length; j++) {
        d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
    return d[a.length][b.length];
  }

  function nearest(word, candidates) {
    let best = null, bestD = Infinity;
    for (const c of candidates) {
      const dd = distance(word.toLowerCase(), c.toLowerCase());
      if (dd < bestD) { best = c; bestD = dd; }
    }
    return bestD <= Math.max(1, Math.floor(word.length / 3)) ? best : null;
  }

  // Code without strings, IRIs and comments (replaced by spaces, so offsets stay).
  function codeOnly(query) {
    return query.replace(/"""[\s\S]*?"""|'''[\s\S]*?'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\s]*>|#[^\n]*/g,
      (m) => m.replace(/[^\n]/g, " "));
  }

  function position(query, offset) {
    const before = query.slice(0, offset).split("\n");
    return { line: before.length, column: before[before.length - 1].length + 1 };
  }

  function explain(query, declared, serverMessage) {
    const code = codeOnly(query);
    const known = new Set(declared);
    for (const m of code.matchAll(/\bPREFIX\s+([A-Za-z][\w.-]*)?:/gi)) known.add(m[1] || "");
    // unknown prefixes
    for (const m of code.matchAll(/(^|[\s({},;.\/|^!=<>*+?-])([A-Za-z][\w-]*(?:\.[\w-]+)*)?:(?=[\w%]|\s|$)/g)) {
      const prefix = m[2] || "";
      if (known.has(prefix) || /^(https?|urn|mailto|_)$/i.test(prefix)) continue;
      if (m[0].trimStart().toUpperCase().startsWith("PREFIX")) continue;
      const at = position(query, m.index + m[1].length);
      const guess = nearest(prefix, Array.from(known).filter(Boolean));
      return { line: at.line, column: at.column, length: prefix.length + 1,
        message: "unknown prefix `" + prefix + ":`" + (guess ? " — did you mean `" + guess + ":`?" : " — declare it with PREFIX " + prefix + ": <…>") };
    }
    // misspelt keywords: a bare word (no ? $ : prefix) that is nearly a keyword
    for (const m of code.matchAll(/(^|[\s{}()])([A-Za-z_]{2,})(?=[\s{}(*]|$)/g)) {
      const word = m[2];
      if (KEYWORD_SET.has(word.toUpperCase()) || word === "a") continue;
      const guess = nearest(word.toUpperCase(), KEYWORDS);
      if (guess) {
        const at = position(query, m.index + m[1].length);
        return { line: at.line, column: at.column, length: word.length,
          message: "`" + word + "` is not a SPARQL keyword — did you mean `" + guess + "`?" };
      }
    }
    const pos = /(\d+):(\d+)/.exec(serverMessage || "");
    return { line: pos ? Number(pos[1]) : null, column: pos ? Number(pos[2]) : null, length: 1,
      message: (serverMessage || "").replace(/^SPARQL syntax error:\s*/i, "") };
  }

  window.IttifoqQueryWords = { explain: explain, distance: distance, KEYWORDS: KEYWORDS };
})();
