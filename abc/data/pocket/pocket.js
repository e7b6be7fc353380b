// abc pocket: decrypts the sealed bundle with WebCrypto (PBKDF2-HMAC-SHA256, then
// AES-256-GCM) and shows today's people, the next days and every kept person.
// No library, nothing fetched: all it needs is in the page. Every value from the
// bundle is put in the page as text (textContent), never as HTML.
"use strict";
(() => {
  const KEEP = "abc-pocket-passphrase";
  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  const REACH_CHANNEL = { email: "email", phone: "call", linkedin: "message" };
  const $ = (id) => document.getElementById(id);

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "text") node.textContent = v;
      else if (k === "on") for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
      else node.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c);
    return node;
  }

  const bytes = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const pad = (n) => String(n).padStart(2, "0");
  const iso = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const parse = (s) => new Date(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));
  const dayName = (s) => { const d = parse(s); return `${WEEKDAYS[d.getDay()]} ${d.getDate()} ${MONTHS[d.getMonth()]}`; };
  const longDay = (s) => { const d = parse(s); return `${dayName(s)} ${d.getFullYear()}`; };
  const daysBetween = (a, b) => Math.round((parse(b) - parse(a)) / 86400000);

  async function unseal(envelope, passphrase) {
    if (!window.crypto || !crypto.subtle) throw new Error("nocrypto");
    const enc = new TextEncoder();
    const base = await crypto.subtle.importKey("raw", enc.encode(passphrase), "PBKDF2", false, ["deriveKey"]);
    const key = await crypto.subtle.deriveKey(
      { name: "PBKDF2", hash: "SHA-256", salt: bytes(envelope.salt), iterations: envelope.iterations },
      base, { name: "AES-GCM", length: 256 }, false, ["decrypt"]);
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: bytes(envelope.nonce), additionalData: enc.encode(envelope.format) },
      key, bytes(envelope.data));
    return JSON.parse(new TextDecoder().decode(plain));
  }

  function stored() {
    try { return localStorage.getItem(KEEP); } catch (e) { return null; }
  }
  function remember(passphrase) {
    try { localStorage.setItem(KEEP, passphrase); } catch (e) { /* private mode: not kept */ }
  }
  function forget() {
    try { localStorage.removeItem(KEEP); } catch (e) { /* nothing kept */ }
  }

  async function copy(text, button) {
    let done = false;
    try { await navigator.clipboard.writeText(text); done = true; } catch (e) {
      const area = el("textarea", { "aria-hidden": "true", class: "offscreen" });
      area.value = text;
      document.body.append(area);
      area.select();
      try { done = document.execCommand("copy"); } catch (e2) { done = false; }
      area.remove();
    }
    const label = button.dataset.label || button.textContent;
    button.dataset.label = label;
    button.textContent = done ? "Copied" : "Select and copy it";
    setTimeout(() => { button.textContent = label; }, 1500);
  }

  // Ways to reach someone, as links: the opener goes into mail and text messages.
  function reachLinks(person, opener) {
    const links = [];
    const body = opener ? encodeURIComponent(opener) : "";
    const several = (kind) => person.reach.filter((r) => r.kind === kind).length > 1;
    for (const r of person.reach) {
      if (r.kind === "email") {
        const shown = several("email") ? `Email ${r.to}` : "Email";
        links.push([shown, `mailto:${encodeURIComponent(r.to).replace(/%40/g, "@")}${body ? `?body=${body}` : ""}`, r.to]);
      } else if (r.kind === "phone") {
        const on = several("phone") ? ` ${r.label}` : "";
        links.push([`Call${on}`, `tel:${r.tel}`, r.label]);
        links.push([`Text${on}`, `sms:${r.tel}${body ? `?&body=${body}` : ""}`, r.label]);
        if (r.wa) links.push([`WhatsApp${on}`, `https://wa.me/${r.wa}${body ? `?text=${body}` : ""}`, r.label]);
      } else if (r.kind === "linkedin" && /^https:\/\//i.test(r.url)) {
        links.push(["LinkedIn", r.url, "LinkedIn profile"]);
      }
    }
    if (!links.length) return el("p", { class: "muted", text: "No address or number in the file." });
    return el("p", { class: "reach" }, links.map(([label, href, what]) =>
      el("a", { class: "button", href, "aria-label": `${label} ${person.name}${label.includes(what) ? "" : ` (${what})`}`, rel: "noopener" }, label)));
  }

  function touchWords(t) {
    const how = t.channel ? `by ${t.channel}` : "";
    const who = t.direction === "in" ? "from them" : "from you";
    return [how, who, t.kind !== "catch-up" ? `(${t.kind})` : ""].filter(Boolean).join(", ").replace(", (", " (");
  }

  function lastSpoke(t, today) {
    if (!t) return "You have not spoken yet.";
    const n = daysBetween(t.date, today);
    const ago = n <= 0 ? "today" : n === 1 ? "yesterday" : `${n} days ago`;
    return `Last spoke ${longDay(t.date)} (${ago}), ${touchWords(t)}.`;
  }

  function randomTag() {
    const a = new Uint8Array(4);
    crypto.getRandomValues(a);
    return Array.from(a, (b) => "abcdefghijklmnopqrstuvwxyz0123456789"[b % 36]).join("");
  }

  // An inbox entry, as abc inbox reads it. JSON strings are YAML double-quoted scalars.
  function entryText(slug, day, channel, kind, direction, note) {
    const lines = [`person: ${JSON.stringify(slug)}`, `date: ${day}`, `channel: ${channel}`];
    if (kind && kind !== "catch-up") lines.push(`kind: ${kind}`);
    if (direction && direction !== "out") lines.push(`direction: ${direction}`);
    if (note && note.trim()) lines.push(`note: ${JSON.stringify(note.trim())}`);
    return lines.join("\n") + "\n";
  }

  let uid = 0;
  function select(label, name, options, value) {
    const id = `f${++uid}`;
    return [el("label", { for: id, text: label }),
      el("select", { id, name }, options.map((o) => el("option", { value: o, selected: o === value }, o)))];
  }

  function logIt(person, data, today) {
    const first = person.reach.length ? REACH_CHANNEL[person.reach[0].kind] : "email";
    const noteId = `f${++uid}`;
    const form = el("form", { class: "log", "aria-label": `Log a touch with ${person.name}` },
      select("Channel", "channel", data.choices.channel, first),
      select("Kind", "kind", data.choices.kind, "catch-up"),
      select("Direction", "direction", data.choices.direction, "out"),
      el("label", { for: noteId, text: "Note (optional)" }),
      el("input", { id: noteId, name: "note", type: "text", maxlength: "200", autocomplete: "off" }));
    const out = el("div", { class: "log-out" });
    // Part of the entry's file name. A new one once a link is followed: GitHub refuses a
    // new file at a path that is taken, and the first entry may still wait in inbox/.
    let tag = randomTag();
    const followed = () => setTimeout(() => { tag = randomTag(); update(); });
    const update = () => {
      const f = new FormData(form);
      const text = entryText(person.slug, today, f.get("channel"), f.get("kind"), f.get("direction"), f.get("note"));
      out.replaceChildren();
      if (data.repo) {
        const name = `${today}-${person.slug}-${tag}.yaml`;
        const href = `https://github.com/${data.repo.slug}/new/${data.repo.branch}/inbox` +
          `?filename=${encodeURIComponent(name)}&value=${encodeURIComponent(text)}`;
        out.append(el("a", { class: "button primary", href, rel: "noopener", target: "_blank", "data-log": "",
          on: { click: followed } }, "Log it on GitHub"),
        el("p", { class: "muted", text: "GitHub opens with the entry filled in: tap Commit changes. " +
          "The next run of the workflow logs it." }));
      } else {
        const pre = el("pre", { class: "entry", text });
        out.append(
          el("p", { text: "This pocket does not know your repository, so it cannot open GitHub. Set " +
            "repo: owner/name in abc.yaml (or build it in the workflow), or copy this entry into a " +
            "new file in inbox/:" }),
          pre,
          el("button", { type: "button", on: { click: (e) => copy(text, e.currentTarget) } }, "Copy the entry"));
      }
    };
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    form.addEventListener("submit", (e) => e.preventDefault());
    update();
    return el("details", { class: "logit" }, el("summary", {}, "Log it"), form, out);
  }

  function openerBlock(opener) {
    if (!opener) return null;
    return el("div", { class: "opener" },
      el("blockquote", { text: opener }),
      el("button", { type: "button", class: "quiet", on: { click: (e) => copy(opener, e.currentTarget) } },
        "Copy the opener"));
  }

  function todayCard(entry, person, data, today, n) {
    return el("article", { class: "card" },
      el("h3", {}, `${n}. `, el("a", { href: `#${person.anchor}`, text: person.name, on: { click: openCard } })),
      el("p", { class: "reason", text: `${entry.reason} · ${person.circle}${person.apart ? ` · ${person.apart}` : ""}` }),
      el("p", { text: lastSpoke(entry.last, today) }),
      openerBlock(entry.opener),
      reachLinks(person, entry.opener),
      logIt(person, data, today));
  }

  // A person's card: the summary line at once, the rest when it is first opened, so
  // that a thousand people make a page a phone draws quickly.
  function personCard(person, data, today) {
    const facts = [person.role, person.org].filter(Boolean).join(", ");
    const card = el("details", { class: "person", id: person.anchor },
      el("summary", {}, el("span", { class: "name", text: person.name }),
        facts || person.apart ? el("span", { class: "muted", text: ` ${facts || person.apart}` }) : null));
    card.addEventListener("toggle", () => {
      if (card.open && card.children.length === 1) card.append(...personBody(person, data, today, facts));
    });
    return card;
  }

  function personBody(person, data, today, facts) {
    const details = el("div", { class: "facts" },
      facts ? el("p", { text: facts }) : null,
      el("p", { class: "muted", text: `${person.circle}${person.tags.length ? " · " + person.tags.join(", ") : ""}` +
        (person.next ? ` · next planned ${dayName(person.next)}` : "") }),
      person.reach.filter((r) => r.kind !== "linkedin").map((r) =>
        el("p", { class: "address", text: r.kind === "email" ? r.to : r.label })),
      person.birthday ? el("p", { text: `Birthday: ${person.birthday}` }) : null,
      person.notes ? el("p", { class: "notes", text: person.notes }) : null);
    const touches = person.touches.length
      ? el("ul", { class: "touches" }, person.touches.map((t) =>
        el("li", { text: `${longDay(t.date)}: ${touchWords(t)}${t.note ? ` — ${t.note}` : ""}` })))
      : el("p", { class: "muted", text: "No touches yet." });
    return [details,
      el("h3", { class: "small", text: "Last touches" }), touches,
      openerBlock(person.opener),
      reachLinks(person, person.opener),
      logIt(person, data, today)].filter(Boolean);
  }

  // A link to a person's card opens it.
  function openCard(event) {
    const id = (event.currentTarget.getAttribute("href") || "").slice(1);
    const card = document.getElementById(id);
    if (card && card.tagName === "DETAILS") card.open = true;
  }

  function render(data) {
    const today = iso(new Date());
    const people = new Map();
    data.people.forEach((p, i) => { p.anchor = `person-${i + 1}`; people.set(p.slug, p); });
    // Namesakes are told apart by their work, else their file name, wherever a name stands alone.
    const named = new Map();
    for (const p of data.people) named.set(p.name, (named.get(p.name) || 0) + 1);
    for (const p of data.people) p.apart = named.get(p.name) > 1 ? (p.org || p.slug) : "";
    const app = $("app");
    app.replaceChildren();
    let at = data.days.findIndex((d) => d.date === today);
    const notes = [];
    if (at < 0 && today < data.built) {
      at = 0;
      notes.push(`Your phone's date (${today}) is before this pocket was made (${data.built}); ` +
        "it shows the pocket's first day.");
    }
    const section = (title, ...children) => el("section", { "aria-labelledby": `h-${++uid}` },
      el("h2", { id: `h-${uid}`, text: title }), ...children);
    if (at < 0) {
      app.append(section("Today",
        el("p", { class: "stale", role: "status", text: `This pocket is older than its plan: it was made on ` +
          `${longDay(data.built)} and plans until ${longDay(data.until)}, and today is ${longDay(today)}. ` +
          "Build it again (the workflow does so every day: check that it ran)." })));
    } else {
      const day = data.days[at];
      const n = day.people.length;
      const head = n ? `${n === 1 ? "1 person" : `${n} people`}, about ${data.minutes} minutes.`
        : "Nobody left to reach today.";
      app.append(section(`Today, ${longDay(day.date)}`,
        notes.map((t) => el("p", { class: "stale", text: t })),
        el("p", { text: head }),
        day.people.map((e, i) => todayCard(e, people.get(e.slug), data, day.date, i + 1))));
      const next = data.days.slice(at + 1, at + 8);
      if (next.length) {
        app.append(section("The next days", el("ul", { class: "days" }, next.map((d) =>
          el("li", {}, el("strong", { text: dayName(d.date) }),
            d.people.length ? el("ul", {}, d.people.map((e) => el("li", {},
              el("a", { href: `#${people.get(e.slug).anchor}`, text: people.get(e.slug).name, on: { click: openCard } }),
              `${people.get(e.slug).apart ? `, ${people.get(e.slug).apart}` : ""} (${e.reason})`))) :
              el("span", { class: "muted", text: ": nobody" }))))));
      }
    }
    const cards = data.people.map((p) => [p, personCard(p, data, at < 0 ? today : data.days[at].date)]);
    const count = el("p", { class: "muted", role: "status", "aria-live": "polite" });
    const search = el("input", { id: "search", type: "search", autocomplete: "off", spellcheck: "false" });
    const list = el("div", { class: "people" }, cards.map(([, c]) => c));
    const filter = () => {
      const words = search.value.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").split(/\s+/).filter(Boolean);
      let shown = 0;
      for (const [p, card] of cards) {
        const hay = [p.name, p.org, p.role, p.notes, ...p.tags].filter(Boolean).join(" ")
          .toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
        const ok = words.every((w) => hay.includes(w));
        card.hidden = !ok;
        shown += ok ? 1 : 0;
      }
      count.textContent = `${shown} of ${cards.length} people`;
    };
    search.addEventListener("input", filter);
    app.append(section("People", el("label", { for: "search", text: "Search people" }), search, count, list));
    filter();
    app.hidden = false;
  }

  async function open(passphrase, keep) {
    const message = $("message");
    message.textContent = "";
    $("open").disabled = true;
    $("open").textContent = "Unlocking…";
    try {
      const envelope = JSON.parse($("abc-sealed").textContent);
      const data = await unseal(envelope, passphrase);
      if (keep) remember(passphrase);
      $("unlock").hidden = true;
      $("lock").hidden = false;
      render(data);
      return true;
    } catch (e) {
      $("app").replaceChildren();
      $("app").hidden = true;
      message.textContent = e && e.message === "nocrypto"
        ? "This browser cannot decrypt here (no WebCrypto). Open the pocket over https:// or from a file in Chrome, Firefox or Safari."
        : "That passphrase does not open this pocket, or its files were changed. Nothing is shown.";
      return false;
    } finally {
      $("open").disabled = false;
      $("open").textContent = "Unlock";
    }
  }

  $("unlock").addEventListener("submit", (e) => {
    e.preventDefault();
    const field = $("passphrase");
    open(field.value, $("remember").checked).then((ok) => { if (ok) field.value = ""; });
  });
  $("lock").addEventListener("click", () => {
    forget();
    $("app").replaceChildren();
    $("app").hidden = true;
    $("unlock").hidden = false;
    $("lock").hidden = true;
    $("remember").checked = false;
  });
  // Unlock stays disabled in the HTML until this script runs: a form submitted before
  // then would put the passphrase in the address (and the host's log and the history).
  $("open").disabled = false;
  const kept = stored();
  if (kept) open(kept, false).then((ok) => { if (!ok) { forget(); $("message").textContent = "The remembered passphrase no longer opens this pocket; type the new one."; } });

  const local = location.protocol === "https:" || ["localhost", "127.0.0.1"].includes(location.hostname);
  if ("serviceWorker" in navigator && local) navigator.serviceWorker.register("sw.js").catch(() => {});
})();
