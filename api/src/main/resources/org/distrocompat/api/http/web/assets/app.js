// distrocompat web page: views of one document, chosen by the URL fragment, reading the JSON API.
'use strict';

const ARCHES = ['x86_64', 'i686', 'aarch64', 'armv7l', 'ppc64le', 'ppc64', 's390x', 'riscv64', 'loongarch64'];
const state = { releases: null, pairings: null, explain: null, diff: null, charts: [] };

const $ = (sel) => document.querySelector(sel);
const el = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v; else if (k === 'text') e.textContent = v; else e.setAttribute(k, v);
  }
  for (const c of children.flat(Infinity)) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : document.createTextNode(c));
  return e;
};

async function api(path, options) {
  const res = await fetch(path, options);
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const msg = body && body.message ? body.message : res.status + ' ' + res.statusText;
    throw new Error(msg);
  }
  return body;
}

// ---- versions and colours ----

function parts(v) { return (v || '').split('.').map(Number); }
function cmpVersion(a, b) {
  const x = parts(a), y = parts(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] || 0) - (y[i] || 0);
    if (d) return d;
  }
  return 0;
}
// a sequential ramp (viridis stops): old versions dark violet, new ones bright yellow-green
const RAMP = ['#440154', '#472d7b', '#3b528b', '#2c728e', '#21918c', '#28ae80', '#5ec962', '#addc30', '#fde725'];
function rampColour(t) {
  const x = Math.max(0, Math.min(1, t)) * (RAMP.length - 1);
  const i = Math.floor(x), f = x - i;
  const a = hex(RAMP[i]), b = hex(RAMP[Math.min(i + 1, RAMP.length - 1)]);
  return `rgb(${a.map((c, k) => Math.round(c + (b[k] - c) * f)).join(',')})`;
}
function hex(h) { return [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)); }
function textOn(t) { return t > 0.62 ? '#1d2430' : '#ffffff'; }
// the rank of a version among all values seen, 0..1, so that every step of the scale is visible
function scaleOf(values) {
  const sorted = [...new Set(values.filter(Boolean))].sort(cmpVersion);
  const rank = new Map(sorted.map((v, i) => [v, sorted.length > 1 ? i / (sorted.length - 1) : 0.5]));
  return { sorted, t: (v) => rank.get(v) };
}

const FAMILY_NAMES = { debian: 'Debian', ubuntu: 'Ubuntu', centos: 'CentOS', almalinux: 'AlmaLinux', rockylinux: 'Rocky Linux',
  fedora: 'Fedora', opensuse: 'openSUSE', alpine: 'Alpine', archlinux: 'Arch Linux', rhel: 'RHEL', amazonlinux: 'Amazon Linux',
  manylinux: 'manylinux images', photon: 'Photon OS', oraclelinux: 'Oracle Linux', 'centos-stream': 'CentOS Stream' };
// each family in a colour of its own (its brand's where it has a well-known one)
const FAMILY_COLOURS = { debian: '#c70036', ubuntu: '#e95420', centos: '#932279', 'centos-stream': '#b35ca3', almalinux: '#0f4266',
  rockylinux: '#10b981', fedora: '#3c6eb4', amazonlinux: '#ff9900', manylinux: '#6b7585', alpine: '#0d597f', opensuse: '#73ba25',
  archlinux: '#1793d1', oraclelinux: '#7a1f1f', photon: '#7e57c2', rhubi: '#ee0000' };
const SPARE = ['#2f6fde', '#17becf', '#bcbd22', '#8c564b', '#e377c2', '#393b79', '#637939', '#843c39'];
function familyColour(d, i) { return FAMILY_COLOURS[d] || SPARE[i % SPARE.length]; }
// the families' display names as the database has them (ALT Linux, Red Hat UBI), learned from /api/releases
const STORED_NAMES = {};
// the stored status, unless the release calendar says its support has ended (eol_date past)
const TODAY = new Date().toISOString().slice(0, 10);
function statusOf(r) { return r.status === 'supported' && r.eol_date && r.eol_date < TODAY ? 'eol' : r.status; }
function familyName(d) { return STORED_NAMES[d] || FAMILY_NAMES[d] || d.charAt(0).toUpperCase() + d.slice(1); }

// ---- routing ----

function route() {
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path, query] = hash.split('?');
  const seg = path.split('/').filter(Boolean);
  const view = seg[0] === 'release' ? 'release' : seg[0] || 'matrix';
  document.querySelectorAll('.view').forEach((v) => { v.hidden = v.id !== 'view-' + view; });
  document.querySelectorAll('nav a').forEach((a) => a.classList.toggle('active', a.dataset.view === view
    || (view === 'release' && a.dataset.view === 'matrix')));
  const params = new URLSearchParams(query || '');
  if (view === 'matrix') showMatrix();
  else if (view === 'release') showRelease(decodeURIComponent(seg[1] || ''), decodeURIComponent(seg[2] || ''), params.get('arch'));
  else if (view === 'check') showCheck();
  else if (view === 'pairings') showPairings();
  else if (view === 'policy') showPolicy();
}

// ---- matrix ----

async function loadReleases() {
  if (!state.releases) {
    state.releases = await api('/api/releases');
    state.releases.forEach((r) => { if (r.distro_name) STORED_NAMES[r.distro] = r.distro_name; });
    const distros = [...new Set(state.releases.map((r) => r.distro))].sort();
    const sel = $('#f-distro');
    distros.forEach((d) => sel.append(el('option', { value: d, text: familyName(d) })));
    const arches = ARCHES.filter((a) => state.releases.some((r) => r.arch === a));
    arches.forEach((a) => $('#f-arch').append(el('option', { value: a, text: a })));
    arches.forEach((a) => $('#check-arch').append(el('option', { value: a, text: a })));
    $('#status').textContent = `${state.releases.length} release × arch cells`;
  }
  return state.releases;
}

async function showMatrix() {
  const all = await loadReleases();
  const f = { distro: $('#f-distro').value, arch: $('#f-arch').value, libc: $('#f-libc').value,
    status: $('#f-status').value, date: $('#f-date').value };
  let cells = all;
  if (f.date) {
    // the server owns the rule of "supported on": ask it
    const q = new URLSearchParams({ supported_on: f.date });
    const ok = new Set((await api('/api/releases?' + q)).map((r) => r.distro + '/' + r.release + '/' + r.arch));
    cells = cells.filter((r) => ok.has(r.distro + '/' + r.release + '/' + r.arch));
  }
  cells = cells.filter((r) => (!f.distro || r.distro === f.distro) && (!f.arch || r.arch === f.arch)
    && (!f.libc || r.libc === f.libc) && (!f.status || statusOf(r) === f.status));
  renderMatrix(cells, $('#f-colour').value);
}

function renderMatrix(cells, prefix) {
  const arches = ARCHES.filter((a) => cells.some((c) => c.arch === a));
  const scale = scaleOf(state.releases.map((c) => c.max[prefix]));
  const byRelease = new Map();
  for (const c of cells) {
    const key = c.distro + '/' + c.release;
    if (!byRelease.has(key)) byRelease.set(key, { distro: c.distro, release: c.release, codename: c.codename, status: c.status, cells: {} });
    byRelease.get(key).cells[c.arch] = c;
  }
  const head = el('tr', {}, el('th', { class: 'rel', text: 'release' }), arches.map((a) => el('th', { text: a })));
  const body = el('tbody');
  let family = null;
  for (const r of byRelease.values()) {
    if (r.distro !== family) {
      family = r.distro;
      body.append(el('tr', { class: 'family' }, el('th', { colspan: arches.length + 1, text: familyName(family) })));
    }
    const row = el('tr', { 'data-distro': r.distro },
      el('th', { class: 'rel' }, el('a', { href: `#/release/${enc(r.distro)}/${enc(r.release)}`, text: `${familyName(r.distro)} ${r.release}` }),
        r.codename ? el('span', { class: 'code', text: r.codename }) : null, ' ', el('span', { class: 'badge ' + statusOf(r), text: statusOf(r) })));
    for (const a of arches) {
      const c = r.cells[a];
      if (!c) { row.append(el('td')); continue; }
      const v = c.max[prefix];
      const t = scale.t(v);
      const link = el('a', { class: 'cell ' + c.provenance, href: `#/release/${enc(c.distro)}/${enc(c.release)}?arch=${a}`,
        title: `${familyName(c.distro)} ${c.release} ${a}: glibc ${c.glibc || '?'}, GLIBC ≤ ${c.max.GLIBC || '—'}, GLIBCXX ≤ ${c.max.GLIBCXX || '—'}, CXXABI ≤ ${c.max.CXXABI || '—'}, GCC ≤ ${c.max.GCC || '—'} (${c.provenance})` },
        v || '—', el('span', { class: 'sub', text: prefix === 'GLIBC' ? (c.max.GLIBCXX ? 'C++ ' + c.max.GLIBCXX : '') : 'glibc ' + (c.glibc || '?') }));
      link.style.background = v === undefined ? '#c9ced6' : rampColour(t);
      link.style.color = v === undefined ? '#333' : textOn(t);
      row.append(el('td', {}, link));
    }
    body.append(row);
  }
  const table = el('table', { class: 'matrix', id: 'matrix-table' }, el('thead', {}, head), body);
  $('#matrix').replaceChildren(cells.length ? table : el('p', { class: 'muted', style: 'padding:16px', text: 'No release matches these filters.' }));
  $('#matrix-count').textContent = `${byRelease.size} releases, ${cells.length} cells`;
  const ends = scale.sorted;
  const steps = ends.length ? [0, 0.25, 0.5, 0.75, 1].map((t) => ends[Math.round(t * (ends.length - 1))]) : [];
  $('#legend').replaceChildren(el('span', { text: `newest ${prefix} defined:` }),
    el('span', { class: 'ramp' }, steps.map((v) => { const t = scale.t(v); const s = el('span', { text: v }); s.style.background = rampColour(t); s.style.color = textOn(t); return s; })),
    el('span', { text: 'grey: not recorded' }));
}
function enc(s) { return encodeURIComponent(s); }

// ---- one release ----

async function showRelease(distro, release, arch) {
  const box = $('#release');
  box.replaceChildren(el('p', { class: 'muted', text: 'loading…' }));
  let d;
  try { d = await api(`/api/releases/${enc(distro)}/${enc(release)}`); } catch (e) { box.replaceChildren(el('div', { class: 'error', text: e.message })); return; }
  const dates = [d.release_date ? 'released ' + d.release_date : null, d.eol_date ? 'end of life ' + d.eol_date : null].filter(Boolean).join(', ');
  const cells = arch ? d.cells.filter((c) => c.arch === arch).concat(d.cells.filter((c) => c.arch !== arch)) : d.cells;
  box.replaceChildren(
    el('h1', {}, `${d.distro_name || familyName(d.distro)} ${d.release}`, d.codename ? el('span', { class: 'muted', text: ` (${d.codename})` }) : null),
    el('p', {}, el('span', { class: 'badge ' + statusOf(d), text: statusOf(d) }), ' ', d.libc === 'musl' ? 'musl' : 'glibc ' + (d.cells[0].glibc || '?'), dates ? ' · ' + dates : '',
      ' · ', d.cells.length + ' architecture' + (d.cells.length === 1 ? '' : 's')),
    el('div', { class: 'cards' }, cells.map((c) => releaseCard(c, d.history.find((h) => h.arch === c.arch)))),
    ...(d.history.length ? d.history.map(historyCard) : [el('p', { class: 'muted', text: 'No package history: this release was imported, not crawled (history comes from crawls).' })]));
}

function releaseCard(c, history) {
  const kv = el('dl', { class: 'kv' },
    el('dt', { text: 'glibc' }), el('dd', { text: c.glibc || '—' }),
    el('dt', { text: 'data' }), el('dd', { text: c.provenance }),
    Object.entries(c.max).map(([p, v]) => [el('dt', { text: 'newest ' + p }), el('dd', { class: 'mono', text: v })]));
  const libs = Object.entries(c.versions_by_soname || {});
  return el('div', { class: 'card', id: 'cell-' + c.arch },
    el('h2', { style: 'margin-top:0', text: c.arch }), kv,
    libs.length ? el('details', {}, el('summary', { text: `${libs.length} libraries` }),
      el('table', { class: 'plain' }, libs.map(([so, names]) => el('tr', {}, el('td', { class: 'mono', text: so }), el('td', { text: names.length + ' version names' }))))) : null,
    el('details', {}, el('summary', { text: 'every version name' }),
      Object.entries(c.versions).map(([p, names]) => el('div', { style: 'margin:6px 0' }, el('strong', { text: p + ' ' }),
        el('span', { class: 'chips' }, names.map((n) => el('span', { class: 'chip', title: firstSeenText(history, p + '_' + n), text: n })))))));
}
function firstSeenText(h, name) {
  const f = h && h.first_seen[name];
  return f && f.first_seen ? `first seen ${f.first_seen.slice(0, 10)} in ${f.package} ${f.package_version}${f.at_first_crawl ? ' (at the first crawl)' : ''}` : '';
}

function historyCard(h) {
  const firsts = Object.entries(h.first_seen).filter(([n]) => !n.includes('.so'));
  return el('div', { class: 'card' }, el('h2', { style: 'margin-top:0', text: `Package history — ${h.arch}` }),
    el('table', { class: 'plain history' }, el('tr', {}, ['package', 'version', 'first seen', 'last seen', 'change'].map((t) => el('th', { text: t }))),
      h.observations.map((o) => el('tr', {}, el('td', { text: o.package }), el('td', { class: 'mono', text: o.version }),
        el('td', { text: o.first_seen.slice(0, 16).replace('T', ' ') }), el('td', { text: o.current ? 'current' : o.last_seen.slice(0, 16).replace('T', ' ') }),
        el('td', { class: 'mono', text: o.gained.length || o.lost.length ? o.gained.map((g) => '+' + g).concat(o.lost.map((l) => '-' + l)).join(' ') : o.defines.length + ' defined' })))),
    el('details', {}, el('summary', { text: `when each of ${firsts.length} version names first appeared` }),
      el('table', { class: 'plain' }, firsts.map(([n, f]) => el('tr', {}, el('td', { class: 'mono', text: n }),
        el('td', { text: f.first_seen ? f.first_seen.slice(0, 10) : '' }), el('td', { text: `${f.package} ${f.package_version}` }),
        el('td', { class: 'muted', text: f.at_first_crawl ? 'already at the first crawl' : '' }))))));
}

// ---- check a wheel ----

function showCheck() { loadReleases().catch(() => {}); }

async function upload(file) {
  const out = $('#verdict');
  out.replaceChildren(el('div', { class: 'banner info', text: `checking ${file.name} (${(file.size / 1024).toFixed(0)} KiB)…` }));
  const q = new URLSearchParams({ filename: file.name });
  if ($('#check-arch').value) q.set('arch', $('#check-arch').value);
  try {
    const r = await api('/api/check?' + q, { method: 'POST', body: file, headers: { 'Content-Type': 'application/octet-stream' } });
    renderVerdict(r);
  } catch (e) {
    out.replaceChildren(el('div', { class: 'banner bad', id: 'verdict-banner' }, 'Cannot check this file', el('small', { text: e.message })));
  }
}

function renderVerdict(r) {
  const out = $('#verdict');
  const maxOf = new Map((state.releases || []).map((c) => [c.distro + '/' + c.release + '/' + c.arch, c.max]));
  let banner;
  if (r.claimed_tags.length) {
    const bad = r.tag_verdicts.filter((t) => !t.accurate);
    banner = el('div', { class: 'banner ' + (bad.length ? 'bad' : 'ok'), id: 'verdict-banner' },
      bad.length ? `Tag inaccurate: ${bad.map((t) => t.tag).join(', ')}` : `Tag accurate: ${r.claimed_tags.join('.')}`,
      bad.map((t) => el('small', { text: `${t.tag}: ${t.reason}` })));
  } else {
    banner = el('div', { class: 'banner info', id: 'verdict-banner' }, r.pure ? 'No ELF files: a pure package' : 'No tag claimed',
      el('small', { text: r.pure ? 'Nothing binary to check.' : 'The verdicts below are per release.' }));
  }
  const facts = el('dl', { class: 'kv card' },
    el('dt', { text: 'input' }), el('dd', { class: 'mono', text: r.path }),
    el('dt', { text: 'architecture' }), el('dd', { text: `${r.arch || '—'} (${r.libc || 'no libc'}), ${r.elf_files.length} ELF file(s)` }),
    el('dt', { text: 'best tag' }), el('dd', { class: 'mono', id: 'best-tag', text: `${r.overall_tag || '—'} (auditwheel policy)${r.policy_tag ? '; ' + r.policy_tag + ' (derived policy)' : ''}` }),
    el('dt', { text: 'oldest glibc' }), el('dd', { text: r.oldest_glibc || 'none of the stored releases' }),
    el('dt', { text: 'needs' }), el('dd', {}, Object.entries(r.versioned_symbols).map(([so, vs]) => el('div', {}, el('span', { class: 'mono', text: so + ': ' }),
      el('span', { class: 'chips', style: 'display:inline-flex' }, vs.map((v) => el('span', { class: 'chip', text: v })))))),
    r.not_in_base_system.length ? [el('dt', { text: 'not in base' }), el('dd', { class: 'mono', text: r.not_in_base_system.join(', ') })] : null);
  const byDistro = new Map();
  for (const v of r.releases) {
    if (!byDistro.has(v.distro)) byDistro.set(v.distro, []);
    byDistro.get(v.distro).push(v);
  }
  const rows = [...byDistro.entries()].map(([d, vs]) => {
    const ok = vs.filter((v) => v.compatible).length;
    const failing = vs.filter((v) => !v.compatible);
    return el('div', { class: 'distro-row', 'data-distro': d },
      el('div', {}, el('div', { class: 'name', text: familyName(d) }), el('div', { class: 'muted', text: `${ok} of ${vs.length} run it` })),
      el('div', {}, el('div', { class: 'chips' }, vs.map((v) => el('span', { class: 'chip ' + (v.compatible ? 'ok' : 'bad'),
        title: v.compatible ? 'runs' : missingText(v, maxOf), text: `${v.release}${v.codename ? ' ' + v.codename : ''}` }))),
        failing.slice(-3).map((v) => el('div', { class: 'miss' }, `${familyName(d)} ${v.release}: ${missingText(v, maxOf)}`))));
  });
  out.replaceChildren(banner, facts, el('div', { class: 'card', id: 'by-distro' }, el('h2', { style: 'margin-top:0', text: 'Runs on, by distro' }),
    rows.length ? rows : el('p', { class: 'muted', text: 'No stored release of this architecture.' })));
}

// "needs GLIBCXX_3.4.22 from libstdc++.so.6 (has up to 3.4.19)"; the symbols behind it when the report names them
function missingText(v, maxOf) {
  if (!v.missing.length) return v.not_covered.length ? 'no data on ' + v.not_covered.join(', ') : '';
  const m = v.missing.reduce((a, b) => (b.version && a.version && b.version.split('_')[0] === a.version.split('_')[0]
    && cmpVersion(b.version.split('_').pop(), a.version.split('_').pop()) > 0 ? b : a), v.missing[0]);
  if (!m.version) return `no ${m.soname}`;
  const prefix = m.version.split('_')[0];
  const max = (maxOf.get(v.distro + '/' + v.release + '/' + v.arch) || {})[prefix];
  const symbols = m.symbols || (m.symbol ? [m.symbol] : []);
  return `needs ${m.version} from ${m.soname}${max ? ` (has up to ${max})` : ''}${symbols.length ? ' for ' + symbols.slice(0, 3).join(', ') : ''}`
    + (v.missing.length > 1 ? ` +${v.missing.length - 1} more` : '');
}

// ---- pairings ----

async function showPairings() {
  if (typeof echarts === 'undefined') { setTimeout(showPairings, 100); return; }
  if (!state.pairings) {
    state.pairings = await api('/api/pairings');
    await loadReleases();
    const arches = ARCHES.filter((a) => state.pairings.releases.some((r) => r.arch === a));
    $('#p-arch').replaceChildren(...arches.map((a) => el('option', { value: a, text: a })));
  }
  const arch = $('#p-arch').value, yPrefix = $('#p-y').value;
  const rows = state.pairings.releases.filter((r) => r.arch === arch && r.glibc && r.max[yPrefix]);
  const families = [...new Set(rows.map((r) => r.distro))].sort();
  const glibcMinor = (v) => parts(v)[1];
  const yValue = (v) => { const p = parts(v); return yPrefix === 'GLIBCXX' ? p[2] : yPrefix === 'CXXABI' ? p[2] : p[0] + (p[1] || 0) / 10; };
  // releases sharing a glibc and a y value would hide each other: spread them a little, sideways
  const seen = new Map();
  const groups = state.pairings.same_glibc_different_libstdcxx.filter((g) => g.arch === arch);
  // named on the plot: in each group whose releases span families (Debian 8 and Ubuntu 14.04 at glibc 2.19), the
  // releases with the oldest and the newest libstdc++ — the case a reader came for, without a label on every dot
  const inGroup = new Set();
  for (const g of groups) {
    if (new Set(g.releases.map((r) => r.distro)).size < 2) continue;
    const sorted = [...g.releases].filter((r) => r.max[yPrefix]).sort((a, b) => cmpVersion(a.max[yPrefix], b.max[yPrefix]));
    if (sorted.length < 2) continue;
    const lo = sorted[0];
    const newest = sorted.filter((r) => cmpVersion(r.max[yPrefix], sorted[sorted.length - 1].max[yPrefix]) === 0);
    const hi = newest.find((r) => r.distro !== lo.distro);
    if (!hi || cmpVersion(hi.max[yPrefix], lo.max[yPrefix]) === 0) continue;
    [lo, hi].forEach((r) => inGroup.add(r.distro + '/' + r.release));
  }
  const series = families.map((f, i) => ({ name: familyName(f), type: 'scatter', symbolSize: 12, color: familyColour(f, i),
    labelLayout: { hideOverlap: true, moveOverlap: 'shiftY' },
    itemStyle: { opacity: 0.85, borderColor: '#fff', borderWidth: 1 },
    data: rows.filter((r) => r.distro === f).map((r) => {
      const key = r.glibc + '|' + r.max[yPrefix];
      const n = seen.get(key) || 0; seen.set(key, n + 1);
      const named = inGroup.has(r.distro + '/' + r.release);
      return { value: [glibcMinor(r.glibc) + (n ? (n % 2 ? 1 : -1) * Math.ceil(n / 2) * 0.12 : 0), yValue(r.max[yPrefix])], row: r,
        symbolSize: named ? 15 : 11,
        label: named ? { show: true, position: 'right', fontSize: 10, color: '#1d2430', formatter: `${familyName(r.distro)} ${r.release}` } : undefined };
    }) }));
  const marks = groups.map((g) => ({ xAxis: glibcMinor(g.glibc) }));
  if (series.length) series[0].markLine = { symbol: 'none', silent: true, label: { show: false }, lineStyle: { type: 'dashed', color: '#d64545', opacity: 0.5 }, data: marks };
  const chart = chartIn('#pairings-chart');
  chart.setOption({
    grid: { left: 70, right: 30, top: 60, bottom: 60 },
    legend: { top: 10, type: 'scroll' },
    tooltip: { trigger: 'item', formatter: (p) => { const r = p.data.row; return `<b>${familyName(r.distro)} ${r.release}</b> ${r.codename || ''}<br>glibc ${r.glibc}<br>GLIBCXX ≤ ${r.max.GLIBCXX || '—'}, CXXABI ≤ ${r.max.CXXABI || '—'}, GCC ≤ ${r.max.GCC || '—'}`
      + (r.libstdcxx_gcc ? `<br>libstdc++ from gcc ${r.libstdcxx_gcc}` : ''); } },
    xAxis: { name: 'glibc 2.x (dashed: releases sharing a glibc but not a libstdc++)', nameLocation: 'middle', nameGap: 32, type: 'value', scale: true, minInterval: 1,
      axisLabel: { formatter: (v) => Number.isInteger(v) ? '2.' + v : '' } },
    yAxis: { name: yPrefix === 'GCC' ? 'newest GCC_ version' : `newest ${yPrefix} (${yPrefix === 'GLIBCXX' ? '3.4.x' : '1.3.x'})`, nameLocation: 'middle', nameGap: 45,
      type: 'value', scale: true, axisLabel: { formatter: (v) => yPrefix === 'GLIBCXX' ? '3.4.' + v : yPrefix === 'CXXABI' ? '1.3.' + v : v } },
    series,
  }, true);
  $('#pairings-groups').replaceChildren(groups.length ? el('table', { class: 'plain', id: 'groups' },
    el('tr', {}, el('th', { text: 'glibc' }), el('th', { text: 'releases (newest GLIBCXX, gcc of libstdc++)' })),
    groups.map((g) => el('tr', {}, el('td', { text: g.glibc }), el('td', {}, g.releases.map((r) => el('span', { class: 'chip', style: 'margin-right:6px',
      text: `${familyName(r.distro)} ${r.release}: GLIBCXX ${r.max.GLIBCXX || '—'}${r.libstdcxx_gcc ? ' (gcc ' + r.libstdcxx_gcc + ')' : ''}` }))))))
    : el('p', { class: 'muted', text: 'No two releases on this architecture share a glibc with different libstdc++.' }));
  // over time, where release dates are known: glibc by release date, the newest GLIBCXX in the tooltip
  const dated = rows.map((r) => ({ r, date: (state.releases.find((c) => c.distro === r.distro && c.release === r.release) || {}).release_date })).filter((x) => x.date);
  $('#pairings-dates').hidden = dated.length === 0;
  if (dated.length) {
    const byFamily = [...new Set(dated.map((x) => x.r.distro))].sort();
    chartIn('#pairings-dates').setOption({
      title: { text: 'glibc by release date', left: 10, top: 8, textStyle: { fontSize: 13 } },
      grid: { left: 70, right: 30, top: 80, bottom: 40 }, legend: { top: 32, left: 10, right: 10, type: 'scroll' },
      tooltip: { trigger: 'item', formatter: (p) => { const r = p.data.row; return `<b>${familyName(r.distro)} ${r.release}</b><br>released ${p.data.value[0]}<br>glibc ${r.glibc}, GLIBCXX ≤ ${r.max.GLIBCXX || '—'}`; } },
      xAxis: { type: 'time' }, yAxis: { type: 'value', scale: true, name: 'glibc 2.x', axisLabel: { formatter: (v) => '2.' + v } },
      series: byFamily.map((f, i) => ({ name: familyName(f), type: 'scatter', symbolSize: 11, color: familyColour(f, i),
        data: dated.filter((x) => x.r.distro === f).map((x) => ({ value: [x.date, glibcMinor(x.r.glibc)], row: x.r })) })),
    }, true);
  }
}

function chartIn(sel) {
  const node = $(sel);
  let chart = echarts.getInstanceByDom(node);
  if (!chart) { chart = echarts.init(node); state.charts.push(chart); }
  return chart;
}

// ---- policy ----

async function showPolicy() {
  try {
    if (!state.diff) {
      [state.diff, state.explain] = await Promise.all([api('/api/policy/diff?against=official'), api('/api/policy/explain')]);
      const arches = [...new Set(state.explain.explain.filter((e) => e.arch).map((e) => e.arch))];
      arches.forEach((a) => $('#e-arch').append(el('option', { value: a, text: a })));
    }
  } catch (e) {
    $('#policy-diff').replaceChildren(el('div', { class: 'error', text: e.message }));
    return;
  }
  const p = state.explain.published;
  $('#policy-source').textContent = `Published file: ${p.description}. Mainstream: ${state.explain.config}.`;
  const changes = state.diff.diff;
  $('#policy-diff').replaceChildren(changes.length ? el('table', { class: 'plain card', id: 'policy-changes' },
    el('tr', {}, ['policy', 'what', 'scope', 'derived adds', 'derived drops'].map((t) => el('th', { text: t }))),
    changes.map((c) => el('tr', {}, el('td', { class: 'mono', text: c.policy }), el('td', { text: c.kind }), el('td', { class: 'mono', text: c.scope || '' }),
      el('td', {}, el('span', { class: 'chips' }, c.added.slice(0, 12).map((a) => el('span', { class: 'chip ok', text: a })), c.added.length > 12 ? ` +${c.added.length - 12}` : '')),
      el('td', {}, el('span', { class: 'chips' }, c.removed.slice(0, 12).map((a) => el('span', { class: 'chip bad', text: a })), c.removed.length > 12 ? ` +${c.removed.length - 12}` : '')))))
    : el('p', { class: 'muted', text: 'The derived policy equals the official one.' }));
  const arch = $('#e-arch').value, words = $('#e-search').value.toLowerCase().split(/\s+/).filter(Boolean);
  const lines = state.explain.lines.filter((l) => (!arch || l.includes(' ' + arch + ':') || l.startsWith('#'))
    && words.every((w) => l.toLowerCase().includes(w)));
  $('#policy-explain').textContent = lines.join('\n');
}

// ---- wiring ----

window.addEventListener('hashchange', route);
window.addEventListener('resize', () => state.charts.forEach((c) => c.resize()));
document.addEventListener('DOMContentLoaded', () => {
  ['#f-distro', '#f-arch', '#f-libc', '#f-status', '#f-date', '#f-colour'].forEach((s) => $(s).addEventListener('change', showMatrix));
  ['#p-arch', '#p-y'].forEach((s) => $(s).addEventListener('change', showPairings));
  $('#e-arch').addEventListener('change', showPolicy);
  $('#e-search').addEventListener('input', showPolicy);
  const drop = $('#drop');
  $('#file').addEventListener('change', (e) => { if (e.target.files[0]) upload(e.target.files[0]); });
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('over'); if (e.dataTransfer.files[0]) upload(e.dataTransfer.files[0]); });
  route();
});
