"use strict";

// The serving page: streams a completion, renders the tune with abcjs, plays it, validates it on the server,
// and browses the corpus catalog. Everything it loads comes from this server.
const $ = (id) => document.getElementById(id);
const tunePattern = /X:\d+\n(?:[^\n]*\n)+/;
let abortGeneration = null;
let visualTune = null;
let synth = null;
let timing = null;
let renderTimer = null;

function setState(state) { document.body.dataset.state = state; }

async function checkModel() {
  try {
    const response = await fetch("/health");
    const body = await response.json();
    $("model-status").textContent = response.ok ? `model: ${body.model}` : `model ${body.status}`;
    $("model-status").className = "badge " + (response.ok ? "good" : "bad");
    if (!response.ok && body.status === "loading") setTimeout(checkModel, 1000);
  } catch (e) {
    $("model-status").textContent = "server unreachable";
  }
}

function requestBody() {
  const body = { stream: true, abc_constrained: $("constrained").checked };
  const preset = $("preset").value;
  if (preset) body.preset = preset;
  else {
    body.temperature = Number($("temperature").value);
    body.top_p = Number($("top-p").value);
    body.top_k = Number($("top-k").value);
    body.repetition_penalty = Number($("repetition-penalty").value);
  }
  if ($("max-tokens").value) body.max_tokens = Number($("max-tokens").value);
  if ($("seed").value !== "") body.seed = Number($("seed").value);
  const prompt = $("prompt").value;
  if ($("chat").checked) body.messages = [{ role: "user", content: prompt }];
  else body.prompt = prompt;
  return body;
}

async function generate() {
  const chat = $("chat").checked;
  const controller = new AbortController();
  abortGeneration = controller;
  $("generate").disabled = true;
  $("cancel").disabled = false;
  $("output").textContent = "";
  $("gen-status").textContent = "generating…";
  setState("generating");
  let text = "";
  let final = null;
  const started = performance.now();
  try {
    const response = await fetch(chat ? "/v1/chat/completions" : "/v1/completions", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(requestBody()),
      signal: controller.signal,
    });
    if (!response.ok) {
      const error = await response.json().catch(() => ({}));
      throw new Error(error.error?.message ?? `HTTP ${response.status}`);
    }
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (!event.startsWith("data: ")) continue;
        const data = event.slice(6);
        if (data === "[DONE]") continue;
        const chunk = JSON.parse(data);
        const choice = chunk.choices[0];
        const delta = chat ? (choice.delta?.content ?? "") : (choice.text ?? "");
        text += delta;
        $("output").textContent = text;
        if (choice.finish_reason) final = chunk;
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const usage = final?.usage;
    $("gen-status").textContent = `done (${final?.choices[0].finish_reason ?? "?"})` +
      (usage ? `, ${usage.completion_tokens} tokens in ${seconds.toFixed(1)} s` : "");
    const abc = final?.choices[0].abc?.text ?? (text.match(tunePattern) || [null])[0];
    if (abc) {
      $("abc").value = abc;
      await showTune(abc);
    } else {
      $("validity").textContent = "no tune in the output";
      $("validity").className = "badge bad";
    }
    setState("done");
  } catch (e) {
    $("gen-status").textContent = e.name === "AbortError" ? "stopped" : `error: ${e.message}`;
    setState(e.name === "AbortError" ? "stopped" : "error");
  } finally {
    abortGeneration = null;
    $("generate").disabled = false;
    $("cancel").disabled = true;
  }
}

async function showTune(abc) {
  stopPlayback();
  const tunes = ABCJS.renderAbc("paper", abc, { add_classes: true, responsive: "resize" });
  visualTune = tunes[0] ?? null;
  const blob = new Blob([abc], { type: "text/vnd.abc" });
  const link = $("download-abc");
  if (link.href.startsWith("blob:")) URL.revokeObjectURL(link.href);
  link.href = URL.createObjectURL(blob);
  await validate(abc);
}

async function validate(abc) {
  const response = await fetch("/v1/abc/validate", { method: "POST", headers: { "Content-Type": "text/plain" }, body: abc });
  const report = await response.json();
  const badge = $("validity");
  if (!response.ok) {
    badge.textContent = report.error?.message ?? "cannot validate";
    badge.className = "badge bad";
    return;
  }
  const warnings = report.diagnostics.filter((d) => d.severity === "warning").length;
  badge.textContent = report.valid ? `valid ABC${warnings ? `, ${warnings} warning(s)` : ""}` : "invalid ABC";
  badge.className = "badge " + (report.valid ? "good" : "bad");
  const list = $("diagnostics");
  list.replaceChildren(...report.diagnostics.slice(0, 20).map((d) => {
    const item = document.createElement("li");
    item.className = d.severity;
    item.textContent = `${d.line}:${d.column} ${d.severity} ${d.code}: ${d.message}`;
    return item;
  }));
}

function onEdit() {
  clearTimeout(renderTimer);
  renderTimer = setTimeout(() => showTune($("abc").value), 300);
}

function moveCursor(event) {
  document.querySelectorAll("#paper .playing").forEach((e) => e.classList.remove("playing"));
  const cursor = $("cursor");
  if (!event) {
    cursor.hidden = true;
    stopPlayback();
    return;
  }
  for (const group of event.elements ?? []) for (const element of group) element.classList.add("playing");
  const svg = document.querySelector("#paper svg");
  const scale = svg && svg.viewBox.baseVal.width ? svg.getBoundingClientRect().width / svg.viewBox.baseVal.width : 1;
  cursor.hidden = false;
  cursor.style.left = `${(event.left - 2) * scale}px`;
  cursor.style.top = `${event.top * scale}px`;
  cursor.style.height = `${event.height * scale}px`;
}

async function play() {
  if (!visualTune) return;
  stopPlayback();
  $("play").disabled = true;
  $("stop").disabled = false;
  timing = new ABCJS.TimingCallbacks(visualTune, { eventCallback: moveCursor });
  try {
    if (ABCJS.synth.supportsAudio()) {
      synth = new ABCJS.synth.CreateSynth();
      await synth.init({ visualObj: visualTune });
      await synth.prime();
      synth.start();
    }
  } catch (e) {
    synth = null;
    $("gen-status").textContent = `audio unavailable: ${e.message ?? e}`;
  }
  timing.start();
}

function stopPlayback() {
  if (timing) timing.stop();
  if (synth) synth.stop();
  timing = null;
  synth = null;
  $("play").disabled = false;
  $("stop").disabled = true;
  $("cursor").hidden = true;
  document.querySelectorAll("#paper .playing").forEach((e) => e.classList.remove("playing"));
}

async function downloadMidi() {
  const response = await fetch("/v1/abc/midi", { method: "POST", headers: { "Content-Type": "text/plain" }, body: $("abc").value });
  if (!response.ok) {
    const error = await response.json().catch(() => ({}));
    $("validity").textContent = error.error?.message ?? "cannot make MIDI";
    $("validity").className = "badge bad";
    return;
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = "tune.mid";
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function loadEvaluation() {
  const status = $("eval-status");
  try {
    const response = await fetch("/v1/evaluations/latest");
    if (!response.ok) {
      const problem = await response.json().catch(() => null);
      status.textContent = problem?.error?.message ?? "no evaluation";
      return;
    }
    const r = await response.json();
    const rows = [];
    for (const [source, ppl] of Object.entries(r.perplexity ?? {})) rows.push([`perplexity (${source})`, ppl.toFixed(2)]);
    const g = r.generation;
    if (g) {
      const pct = (x) => (x == null ? "n/a" : `${(x * 100).toFixed(1)} %`);
      rows.push(["prompts", String(g.prompts)], ["ABC parse rate", pct(g.parse_rate)], ["bar-duration consistency", pct(g.bar_duration_rate)],
        ["repeat signs", pct(g.repeat_sign_rate)], ["key followed", pct(g.key_follow_rate)], ["meter followed", pct(g.meter_follow_rate)]);
    }
    const mtb = r.music_theory_bench;
    if (mtb) rows.push(["MusicTheoryBench accuracy", `${(mtb.accuracy * 100).toFixed(1)} % of ${mtb.items}`]);
    const body = $("eval-table").querySelector("tbody");
    body.replaceChildren(...rows.map(([k, v]) => {
      const tr = document.createElement("tr");
      const th = document.createElement("th");
      th.textContent = k;
      const td = document.createElement("td");
      td.textContent = v;
      tr.append(th, td);
      return tr;
    }));
    $("eval-table").hidden = false;
    status.textContent = `snapshot ${r.snapshot ?? "unknown"}`;
  } catch (e) {
    status.textContent = `evaluation unavailable: ${e}`;
  }
}

async function loadSnapshots() {
  const response = await fetch("/v1/corpus/snapshots");
  const body = await response.json();
  if (!response.ok) {
    $("corpus-status").textContent = body.error?.message ?? "corpus browser unavailable";
    $("search").disabled = true;
    return;
  }
  const select = $("snapshot");
  select.replaceChildren(...body.data.map((s) => {
    const option = document.createElement("option");
    option.value = s.id;
    option.textContent = `${s.id} (${s.documents} documents, ${s.files} files)`;
    return option;
  }));
  $("corpus-status").textContent = body.data.length ? `${body.data.length} snapshot(s)` : "no snapshots in the catalog yet";
}

async function searchCorpus() {
  const id = $("snapshot").value;
  if (!id) return;
  const query = new URLSearchParams({ limit: "50" });
  for (const [name, field] of [["key", "q-key"], ["meter", "q-meter"], ["source", "q-source"]])
    if ($(field).value.trim()) query.set(name, $(field).value.trim());
  $("corpus-status").textContent = "searching…";
  const response = await fetch(`/v1/corpus/snapshots/${encodeURIComponent(id)}/tunes?${query}`);
  const body = await response.json();
  if (!response.ok) {
    $("corpus-status").textContent = body.error?.message ?? "search failed";
    return;
  }
  $("corpus-status").textContent = `${body.tunes.length} tune(s), ${body.scanned} rows read${body.truncated ? " (stopped early)" : ""}`;
  $("results").replaceChildren(...body.tunes.map((t) => {
    const item = document.createElement("li");
    item.textContent = `#${t.id} ${t.src} — K:${t.key ?? "?"} M:${t.meter ?? "?"}`;
    item.addEventListener("click", () => {
      const abc = (t.text.match(tunePattern) || [t.text])[0];
      $("abc").value = abc;
      showTune(abc);
    });
    return item;
  }));
}

function init() {
  if (typeof ABCJS === "undefined") {
    $("validity").textContent = "abcjs missing: rebuild MusicPile.Serve (it installs abcjs with npm)";
    $("validity").className = "badge bad";
  }
  $("preset").addEventListener("change", () => { $("custom-settings").hidden = $("preset").value !== ""; });
  $("generate").addEventListener("click", generate);
  $("cancel").addEventListener("click", () => abortGeneration?.abort());
  $("abc").addEventListener("input", onEdit);
  $("play").addEventListener("click", play);
  $("stop").addEventListener("click", stopPlayback);
  $("download-midi").addEventListener("click", downloadMidi);
  $("search").addEventListener("click", searchCorpus);
  checkModel();
  loadSnapshots();
  loadEvaluation();
}

init();
