// The interview form of mapping studies (templates/studies/interview.mustache), enhanced; the form
// works without it. (1) Follow-ups: a follow-up the answers do not call for is in the page but
// hidden; it is shown or hidden as soon as the answer it follows changes (the server decides the
// same on every save). (2) Nothing typed is lost when the network drops: the form is kept in this
// browser's localStorage under the interview's address and the version it is based on while it is
// typed, brought back when the same form is opened again unsaved, and forgotten once the server has
// stored a newer version.
(function () {
  'use strict';
  var form = document.querySelector('form.mp-interview');
  if (!form) return;

  function fieldValues(name) {
    var out = [];
    form.querySelectorAll('[name="' + name + '"]').forEach(function (el) {
      if ((el.type === 'radio' || el.type === 'checkbox') && !el.checked) return;
      if (el.value) out.push(el.value);
    });
    return out;
  }

  function updateFollowUps() {
    form.querySelectorAll('fieldset[data-follows]').forEach(function (fs) {
      var parent = fs.getAttribute('data-follows');
      var parentSet = form.querySelector('fieldset[id="q-' + parent + '"]');
      var wanted = fs.getAttribute('data-values').split(' ');
      var given = fieldValues('v.' + parent);
      var holds = (!parentSet || !parentSet.hidden) && given.some(function (v) { return wanted.indexOf(v) >= 0; });
      var typed = fs.querySelector('textarea') && fs.querySelector('textarea').value !== '';
      fs.hidden = !(holds || typed);
    });
  }

  var key = 'moteplass-utkast:' + form.getAttribute('action');
  var version = (form.querySelector('input[name=version]') || {}).value || '0';
  var notice = document.getElementById('iv-local');

  function save() {
    var fields = [];
    new FormData(form).forEach(function (value, name) {
      if (name !== 'csrf_token') fields.push([name, String(value)]);
    });
    try {
      localStorage.setItem(key, JSON.stringify({ version: version, fields: fields }));
    } catch (e) { /* storage full or disabled: the server-side ways remain */ }
  }

  function restore() {
    var kept;
    try { kept = JSON.parse(localStorage.getItem(key) || 'null'); } catch (e) { kept = null; }
    if (!kept) return;
    if (kept.version !== version || form.hasAttribute('data-saved')) {
      // Stored by the server since (or this page shows what was just saved): nothing to bring back.
      if (kept.version !== version) localStorage.removeItem(key);
      return;
    }
    var values = {};
    kept.fields.forEach(function (pair) { (values[pair[0]] = values[pair[0]] || []).push(pair[1]); });
    var changed = false;
    form.querySelectorAll('[name]').forEach(function (el) {
      var want = values[el.name];
      if (!want || el.type === 'hidden' || el.type === 'submit') return;
      if (el.type === 'radio' || el.type === 'checkbox') {
        var on = want.indexOf(el.value) >= 0;
        if (el.checked !== on) { el.checked = on; changed = true; }
      } else if (el.value !== want[0]) {
        el.value = want[0];
        changed = true;
      }
    });
    if (changed && notice) notice.hidden = false;
  }

  // A new interview just stored: what was kept while typing it is the server's now.
  if (form.hasAttribute('data-saved')) {
    try { localStorage.removeItem(key.replace(/\/intervjuer\/\d+$/, '/intervjuer/ny')); } catch (e) { /* none */ }
  }
  restore();
  updateFollowUps();
  form.addEventListener('change', function () { updateFollowUps(); save(); });
  form.addEventListener('input', save);
})();
