/* Warta's additions to Decap CMS (loaded after decap-cms.js and locale-id.js):
 *  - widgets: warta-teks (length counted as `check` counts it), warta-waktu (dates written in
 *    the site's zone with their offset, whatever the browser's zone), warta-bila (a group shown
 *    and checked only when it applies);
 *  - before saving: empty optional fields dropped, a claim only for a klarifikasi;
 *  - on saving a new release: its folder is the year and month of its own date (Decap takes
 *    them from UTC) and a file-name-safe slug;
 *  - a preview that looks like the release page, with the Indonesian dateline;
 *  - no request to any host but this site and the Git host's API.
 * Decap starts at the end of this file (warta-awal.js set CMS_MANUAL_INIT). */
(function () {
  'use strict';
  var S = JSON.parse(document.getElementById('warta-situs').textContent);
  var CMS = window.CMS;
  var h = window.h;
  var createClass = window.createClass;

  // --- No third-party requests: Decap's GitHub backend polls githubstatus.com every few
  // minutes; answer it here ("no known outage") instead of asking another host.
  var realFetch = window.fetch;
  window.fetch = function (input, init) {
    var url = typeof input === 'string' ? input : input && input.url;
    if (url && url.indexOf('https://www.githubstatus.com/') === 0) {
      return Promise.resolve(new Response('{"components":[]}', {
        status: 200, headers: { 'Content-Type': 'application/json' } }));
    }
    return realFetch.call(this, input, init);
  };

  // --- Text --------------------------------------------------------------------------
  function text(value) { return value == null ? '' : String(value); }

  function measure(field, value) {
    var v = text(value);
    v = field.get('collapse') ? v.split(/\s+/).filter(Boolean).join(' ') : v.trim();
    return Array.from(v).length; // code points, as Python counts them
  }

  function textProblem(field, value) {
    if (text(value).trim() === '') return null;
    var n = measure(field, value);
    var lo = field.get('min');
    var hi = field.get('max');
    if (lo != null && n < lo) return 'terlalu pendek (' + n + ' karakter; minimal ' + lo + ')';
    if (hi != null && n > hi) {
      return 'terlalu panjang (' + n + ' karakter; maksimal ' + hi + ', kelebihan ' + (n - hi) + ')';
    }
    var plain = field.get('plain');
    if (plain && new RegExp(plain).test(text(value).trim())) {
      return 'harus teks biasa, tanpa Markdown atau HTML';
    }
    return null;
  }

  function custom(field, message) {
    return { error: { type: 'CUSTOM', message: field.get('label') + ': ' + message + '.' } };
  }

  var Teks = createClass({
    isValid: function () {
      var problem = textProblem(this.props.field, this.props.value);
      return problem ? custom(this.props.field, problem) : true;
    },
    render: function () {
      var field = this.props.field;
      var Inner = CMS.getWidget(field.get('multiline') ? 'text' : 'string').control;
      var hi = field.get('max');
      var n = measure(field, this.props.value);
      return h('div', { className: 'warta-teks' },
        h(Inner, Object.assign({}, this.props)),
        hi ? h('p', { className: 'warta-hitung' + (n > hi ? ' warta-hitung--lebih' : '') },
          n + ' / ' + hi + ' karakter') : null);
    },
  });

  // --- Dates: wall-clock time in the site's zone, written with its offset --------------
  var STAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;

  function parseStamp(value) {
    var m = STAMP.exec(text(value).trim());
    if (!m) return null;
    var off = m[7] === 'Z' ? '+00:00' : m[7] ? m[7].slice(0, 3) + ':' + m[7].slice(-2) : null;
    var day = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    if (day.getUTCMonth() !== +m[2] - 1 || +m[4] > 23 || +m[5] > 59) return { invalid: true };
    return { y: m[1], mo: m[2], d: m[3], hh: m[4], mi: m[5], ss: m[6] || '00', off: off,
             weekday: day.getUTCDay() };
  }

  function zoneLabel(offset) {
    if (S.zones[offset]) return S.zones[offset];
    return 'UTC' + offset.replace(':', '.');
  }

  function nowStamp(timezone, offset) {
    var parts = {};
    new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit',
      day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date()).forEach(function (p) { parts[p.type] = p.value; });
    return parts.year + '-' + parts.month + '-' + parts.day + 'T' + parts.hour + ':' +
      parts.minute + ':00' + offset;
  }

  function folderMonth(entry) {
    var m = /\/rilis\/(\d{4})\/(\d{2})\/[^/]+\/index\.md$/.exec(text(entry && entry.get('path')));
    return entry && !entry.get('newRecord') && m ? { y: m[1], mo: m[2] } : null;
  }

  var Waktu = createClass({
    componentDidMount: function () {
      if (this.props.value === '{{now}}') this.setNow();
    },
    offset: function () {
      var p = parseStamp(this.props.value);
      return (p && p.off) || this.props.field.get('offset');
    },
    setNow: function () {
      var field = this.props.field;
      this.props.onChange(nowStamp(field.get('timezone'), field.get('offset')));
    },
    change: function (local) {
      if (!local) { this.props.onChange(''); return; }
      this.props.onChange(local.slice(0, 16) + ':00' + this.offset());
    },
    isValid: function () {
      var field = this.props.field;
      var value = text(this.props.value).trim();
      if (value === '') return true;
      var p = parseStamp(value);
      if (!p) return custom(field, 'isi tanggal dan jam dengan lengkap');
      if (p.invalid) return custom(field, 'tanggal ' + value.slice(0, 10) + ' tidak ada di kalender');
      var folder = field.get('folder_month') && folderMonth(live(this.props));
      if (folder && (folder.y !== p.y || folder.mo !== p.mo)) {
        return custom(field, 'rilis ini tersimpan di folder ' + folder.y + '/' + folder.mo +
          '; tanggalnya harus tetap di bulan itu (untuk bulan lain, tulis rilis baru)');
      }
      return true;
    },
    render: function () {
      var p = parseStamp(this.props.value);
      var shown = p && !p.invalid ? p.y + '-' + p.mo + '-' + p.d + 'T' + p.hh + ':' + p.mi : '';
      var self = this;
      return h('div', { className: 'warta-waktu' },
        h('input', { type: 'datetime-local', id: this.props.forID, value: shown, step: 60,
          className: this.props.classNameWrapper,
          onChange: function (e) { self.change(e.target.value); },
          onFocus: this.props.setActiveStyle, onBlur: this.props.setInactiveStyle }),
        h('span', { className: 'warta-zona' }, zoneLabel(this.offset())),
        h('button', { type: 'button', className: 'warta-tombol', onClick: function () { self.setNow(); } },
          'Sekarang'));
    },
  });

  // --- A group that applies only sometimes ----------------------------------------------
  function filled(value) {
    if (value == null) return false;
    if (typeof value === 'string') return value.trim() !== '';
    if (typeof value.some === 'function') return value.some(filled);
    return value !== false;
  }

  function live(props) { return props.getEntry ? props.getEntry() : props.entry; }

  var Bila = createClass({
    shouldComponentUpdate: function () { return true; },
    componentDidMount: function () {
      // Decap re-renders a field only when its own value changes; a group that depends on
      // another field (the claim on `type`) looks again four times a second.
      var self = this;
      this.shown = this.active();
      this.timer = window.setInterval(function () {
        if (self.active() !== self.shown) { self.shown = !self.shown; self.forceUpdate(); }
      }, 250);
    },
    componentWillUnmount: function () { window.clearInterval(this.timer); },
    active: function () {
      var when = this.props.field.get('when');
      var value = this.props.value;
      if (when.indexOf('type=') === 0) {
        return text(live(this.props).getIn(['data', 'type'])) === when.slice(5);
      }
      if (when.indexOf('isi:') === 0) return filled(value && value.get && value.get(when.slice(4)));
      return filled(value);
    },
    validate: function () {
      if (this.inner) this.inner.validate();
    },
    render: function () {
      var self = this;
      var active = this.active();
      var field = this.props.field;
      if (!active) { // shown (or kept hidden) with nothing required, so old errors are cleared
        field = field.set('fields', field.get('fields').map(function (f) { return f.set('required', false); }));
      }
      var ObjectControl = CMS.getWidget('object').control;
      var inner = h(ObjectControl, Object.assign({}, this.props, {
        field: field, ref: function (r) { self.inner = r; } }));
      if (!active && field.get('when').indexOf('type=') === 0) {
        return h('div', null, h('p', { className: 'warta-catatan' }, 'Hanya untuk jenis ' +
          (S.types[field.get('when').slice(5)] || field.get('when').slice(5)) + '.'),
          h('div', { hidden: true }, inner));
      }
      return inner;
    },
  });

  // A photo inside the body: Indonesian labels, stored beside index.md (the collection's
  // media folder), written `![teks alternatif](nama-berkas.jpg)`.
  CMS.registerEditorComponent({
    id: 'image',
    label: 'Foto',
    pattern: /^!\[([^\]]*)\]\((.*?)(\s"([^"]*)")?\)/,
    fromBlock: function (match) { return match && { image: match[2], alt: match[1] }; },
    toBlock: function (data) { return '![' + text(data.alt) + '](' + text(data.image) + ')'; },
    toPreview: function (data, getAsset, fields) {
      var imageField = fields && fields.find(function (f) { return f.get('widget') === 'image'; });
      return h('img', { src: text(getAsset(data.image, imageField)), alt: text(data.alt) });
    },
    fields: [
      { label: 'Foto', name: 'image', widget: 'image', choose_url: false,
        media_library: { allow_multiple: false } },
      { label: 'Teks alternatif', name: 'alt', widget: 'string',
        hint: 'Jelaskan isi foto untuk pembaca tunanetra.' },
    ],
  });

  CMS.registerWidget('warta-teks', Teks);
  CMS.registerWidget('warta-waktu', Waktu);
  CMS.registerWidget('warta-bila', Bila);

  // --- Before saving: the front matter as `check` wants it -----------------------------
  function isMap(v) { return v != null && v['@@__IMMUTABLE_MAP__@@'] === true; }
  function isList(v) { return v != null && v['@@__IMMUTABLE_LIST__@@'] === true; }

  function clean(value) {
    if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
    if (isList(value)) {
      var items = value.map(clean).filter(function (v) { return v !== undefined; });
      return items.size ? items : undefined;
    }
    if (isMap(value)) {
      var out = value;
      value.forEach(function (v, k) {
        var c = clean(v);
        out = c === undefined ? out.delete(k) : out.set(k, c);
      });
      return out.size ? out : undefined;
    }
    return value === null ? undefined : value;
  }

  CMS.registerEventListener({
    name: 'preSave',
    handler: function (ctx) {
      var data = ctx.entry.get('data');
      var body = data.get('body');
      var out = clean(data.delete('body')) || data.clear();
      if (out.get('type') !== 'klarifikasi') out = out.delete('claim');
      if (out.getIn(['image', 'src']) === undefined) out = out.delete('image');
      if (out.get('draft') === false) out = out.delete('draft');
      return body === undefined ? out : out.set('body', body);
    },
  });

  // --- On saving a new release: the folder of its own date ------------------------------
  function wartaSlug(s) {
    return s.normalize('NFKD').replace(/[^\x00-\x7f]/g, '').toLowerCase()
      .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 70).replace(/-+$/, '') || 'rilis';
  }

  function rightFolder(impl, files, opts) {
    var data = files.dataFiles && files.dataFiles[0];
    var m = data && /^(.*\/rilis)\/\d{4}\/\d{2}\/([^/]+)\/index\.md$/.exec(data.path);
    if (!opts || !opts.newEntry || !m) return Promise.resolve();
    var date = /^date:\s*['"]?(\d{4})-(\d{2})-/m.exec(data.raw.split(/\n---\s*\n/)[0]);
    if (!date) return Promise.resolve();
    var oldDir = data.path.slice(0, -'/index.md'.length);
    var newDir = m[1] + '/' + date[1] + '/' + date[2] + '/' + wartaSlug(m[2]);
    if (newDir === oldDir) return Promise.resolve();
    var newPath = newDir + '/index.md';
    return Promise.resolve(impl.getEntry(newPath)).catch(function () { return null; })
      .then(function (found) {
        if (found && found.data) {
          throw new Error('sudah ada rilis di ' + newPath + '; ubah judulnya agar alamatnya lain');
        }
        data.path = newPath;
        (files.assets || []).forEach(function (asset) {
          if (asset.path.indexOf(oldDir + '/') === 0) asset.path = newDir + asset.path.slice(oldDir.length);
        });
      });
  }

  function withoutAvatar(user) {
    if (user && typeof user === 'object') delete user.avatar_url; // avatars live on another host
    return user;
  }

  ['github', 'proxy'].forEach(function (name) {
    var backend = CMS.getBackend(name);
    if (!backend) return;
    var init = backend.init;
    backend.init = function () {
      var impl = init.apply(null, arguments);
      var persist = impl.persistEntry.bind(impl);
      impl.persistEntry = function (files, opts) {
        return rightFolder(impl, files, opts).then(function () { return persist(files, opts); });
      };
      ['authenticate', 'restoreUser'].forEach(function (method) {
        var original = impl[method] && impl[method].bind(impl);
        if (original) impl[method] = function () { return original.apply(null, arguments).then(withoutAvatar); };
      });
      return impl;
    };
  });

  // --- Preview: the release page --------------------------------------------------------
  function longDate(value) {
    var p = parseStamp(value);
    if (!p || p.invalid) return '';
    var off = p.off || S.offset;
    return S.days[(p.weekday + 6) % 7] + ', ' + (+p.d) + ' ' + S.months[+p.mo - 1] + ' ' + p.y +
      ' ' + p.hh + '.' + p.mi + ' ' + zoneLabel(off);
  }

  function stampTime(value) {
    var p = parseStamp(value);
    if (!p || p.invalid) return NaN;
    return Date.parse(p.y + '-' + p.mo + '-' + p.d + 'T' + p.hh + ':' + p.mi + ':' + p.ss + (p.off || S.offset));
  }

  function nameOf(fields, key, value) {
    var field = fields.find(function (f) { return f.get('name') === key; });
    var option = field && field.get('options') && field.get('options').find(function (o) {
      return o.get && o.get('value') === value;
    });
    return option ? option.get('label') : text(value);
  }

  var Preview = createClass({
    render: function () {
      var entry = this.props.entry;
      var fields = this.props.fields || this.props.collection.get('fields');
      var get = function (path) { return entry.getIn(['data'].concat(path)); };
      var type = text(get(['type'])) || 'siaran-pers';
      var date = text(get(['date']));
      var place = text(get(['location'])).trim() || S.location;
      var when = longDate(date);
      var src = text(get(['image', 'src']));
      var tags = get(['tags']);
      var verdict = text(get(['claim', 'verdict']));
      var withdrawn = get(['withdrawn', 'reason']);
      return h('div', { className: 'md-typeset warta-pratinjau' },
        h('article', { className: 'w-article' },
          h('p', { className: 'w-kicker' }, h('span', { className: 'w-type w-type--' + type }, S.types[type] || type),
            ' · ', nameOf(fields, 'category', get(['category']))),
          h('h1', { className: 'w-title' }, text(get(['title'])) || '(judul belum diisi)'),
          h('p', { className: 'w-lede' }, text(get(['summary']))),
          h('p', { className: 'w-byline' },
            h('time', { className: 'w-dateline', dateTime: date }, when ? (place ? place + ', ' : '') + when : '(waktu terbit belum diisi)'),
            h('span', { className: 'w-byline__unit' }, 'Penerbit: ' + nameOf(fields, 'unit', get(['unit'])))),
          stampTime(date) > Date.now() ? h('div', { className: 'w-banner w-banner--embargo', role: 'note' },
            h('strong', null, 'EMBARGO sampai ' + when), '. Jangan disiarkan sebelum waktu itu.') : null,
          filled(withdrawn) ? h('div', { className: 'w-banner w-banner--withdrawn', role: 'note' },
            h('strong', null, 'Rilis ini telah ditarik'), ' pada ' + longDate(get(['withdrawn', 'date'])) +
            '. Alasan: ' + text(withdrawn)) : null,
          type === 'klarifikasi' ? h('aside', { className: 'w-claim' },
            h('p', { className: 'w-claim__label' }, 'Klaim yang beredar'),
            h('blockquote', null, text(get(['claim', 'text']))),
            h('p', { className: 'w-claim__source' }, 'Sumber: ' + text(get(['claim', 'source']))),
            h('p', { className: 'w-claim__verdict w-verdict--' + verdict }, 'Penilaian: ',
              h('strong', null, S.verdicts[verdict] || verdict))) : null,
          src ? h('figure', { className: 'w-hero' },
            h('img', { src: text(this.props.getAsset(src)), alt: text(get(['image', 'alt'])) }),
            h('figcaption', null, text(get(['image', 'caption'])) + ' ',
              h('span', { className: 'w-credit' }, 'Foto: ' + text(get(['image', 'credit']))))) : null,
          h('div', { className: 'w-body' }, this.props.widgetFor('body')),
          tags && tags.size ? h('ul', { className: 'w-tags' }, tags.map(function (t) {
            return h('li', { key: t }, h('span', null, '#' + t));
          }).toArray()) : null));
    },
  });

  var base = document.baseURI;
  CMS.registerPreviewStyle(new URL('warta.css', base).href);
  CMS.registerPreviewStyle(new URL('warta-pratinjau.css', base).href);
  CMS.registerPreviewTemplate('rilis', Preview);

  // --- Accessibility of Decap's own screens (checked with axe in the browser test) --------
  function tidy() {
    document.querySelectorAll('iframe#preview-pane:not([title])').forEach(function (frame) {
      frame.title = 'Pratinjau rilis';
    });
    document.querySelectorAll('[data-slate-editor="true"]:not([aria-label])').forEach(function (box) {
      box.setAttribute('aria-label', 'Isi rilis');
    });
    document.querySelectorAll('[role="dialog"]:not([aria-label]):not([aria-labelledby])').forEach(function (box) {
      box.setAttribute('aria-label', box.querySelector('input[type="file"]') ? 'Pustaka foto' : 'Jendela');
    });
    // Photos are added from a release's form (they belong beside its index.md); the global
    // media library would put them at the top of the collection folder, where `check` refuses.
    document.querySelectorAll('header button').forEach(function (button) {
      if (button.textContent.trim() === 'Foto' && button.style.display !== 'none') button.style.display = 'none';
    });
    // Menu buttons that wrap a second button: the outer one is the control.
    document.querySelectorAll('span[role="button"][aria-haspopup] > button[title]').forEach(function (inner) {
      if (!inner.parentNode.getAttribute('aria-label')) inner.parentNode.setAttribute('aria-label', inner.title);
      inner.inert = true;
      inner.setAttribute('aria-hidden', 'true');
    });
  }
  var pending = false;
  new MutationObserver(function () {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () { pending = false; tidy(); });
  }).observe(document.body, { childList: true, subtree: true });

  CMS.init(); // everything is registered (warta-awal.js asked Decap to wait)
})();
