// The intake's proof-of-work (docs/SECURITY.md, "Abuse without tracking"): before a report or a receipt is sent,
// fetch a challenge from this server and find a counter such that SHA-256(challenge + counter) starts with the
// asked number of zero bits, then send both with the form. Same origin, no library, no cookie sent.
// Without this script (JavaScript off, Tor Browser's safest setting) or without Web Crypto, the form is sent as
// it is, and the server applies its stricter rate for requests without a proof-of-work.
(function () {
  'use strict';
  var BATCH = 256; // digests in flight at once: Web Crypto answers each asynchronously

  function startsWithZeroBits(hash, bits) {
    var bytes = new Uint8Array(hash);
    for (var i = 0; i < bits; i++) {
      if (bytes[i >> 3] & (0x80 >> (i & 7))) return false;
    }
    return true;
  }

  async function solve(challenge, bits) {
    var encoder = new TextEncoder();
    for (var start = 0; ; start += BATCH) {
      var digests = [];
      for (var i = 0; i < BATCH; i++) {
        digests.push(crypto.subtle.digest('SHA-256', encoder.encode(challenge + (start + i))));
      }
      var hashes = await Promise.all(digests);
      for (var j = 0; j < BATCH; j++) {
        if (startsWithZeroBits(hashes[j], bits)) return String(start + j);
      }
    }
  }

  document.querySelectorAll('form[data-proof-of-work]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      if (!window.crypto || !crypto.subtle || !window.fetch || !window.TextEncoder) return;
      event.preventDefault();
      var status = form.querySelector('.pow-status');
      var button = form.querySelector('button[type=submit]');
      form.elements.powChallenge.value = '';
      form.elements.powCounter.value = '';
      if (button) button.disabled = true;
      if (status) status.textContent = 'Solving a small puzzle that protects this page from floods (a few seconds)…';
      fetch('/api/intake/challenge', {credentials: 'omit', cache: 'no-store'})
        .then(function (r) {
          if (!r.ok) throw new Error('challenge ' + r.status);
          return r.json();
        })
        .then(function (c) {
          return solve(c.challenge, c.bits).then(function (counter) {
            form.elements.powChallenge.value = c.challenge;
            form.elements.powCounter.value = counter;
          });
        })
        .catch(function () { /* sent without one: the server's stricter rate applies */ })
        .then(function () {
          if (status) status.textContent = 'Sending…';
          // form.submit() fires no submit event, so this handler does not run again.
          form.submit();
        });
    });
  });
})();
