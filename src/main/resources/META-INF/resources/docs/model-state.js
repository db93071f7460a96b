// Swagger UI's banner with whether this instance's model can write now, and why not: asked of GET /api/v1/languages
// when the page loads, after Authorize, and every 30 s while the page is shown. The OpenAPI document is built once
// and served as cached bytes, so it names the provider but cannot say this (a document rebuilt per request cost 87
// times as much to serve). Loaded by quarkus.swagger-ui.scripts.
(function () {
  'use strict';
  var BANNER = 'precis-model-state';

  // The key entered under Authorize, which Swagger UI keeps in localStorage (quarkus.swagger-ui.persist-authorization).
  function credentials() {
    var headers = {};
    try {
      var authorized = JSON.parse(window.localStorage.getItem('authorized') || '{}');
      if (authorized.apiKey && authorized.apiKey.value) {
        headers['X-API-Key'] = authorized.apiKey.value;
      } else if (authorized.bearer && authorized.bearer.value) {
        headers.Authorization = 'Bearer ' + authorized.bearer.value;
      }
    } catch (e) {
      // Nothing usable stored: ask without a key.
    }
    return headers;
  }

  function show(text, ready) {
    var info = document.querySelector('.information-container .info');
    if (!info) {
      return false;
    }
    var banner = document.getElementById(BANNER);
    if (!banner) {
      banner = document.createElement('div');
      banner.id = BANNER;
      banner.setAttribute('role', 'status');
      banner.style.cssText = 'margin:12px 0;padding:10px 14px;border-radius:4px;font-family:sans-serif;font-size:14px';
      info.appendChild(banner);
    }
    banner.textContent = text;
    banner.style.background = ready === true ? '#e8f5e9' : ready === false ? '#fff3e0' : '#eceff1';
    banner.dataset.ready = String(ready);
    return true;
  }

  // A key the service refused is not sent again until the next Authorize: wrong keys count against the address.
  var refused = null;

  function refresh() {
    var headers = credentials();
    var key = headers['X-API-Key'] || headers.Authorization || null;
    if (document.hidden || (key !== null && key === refused)) {
      return;
    }
    fetch('/api/v1/languages', { headers: headers })
      .then(function (response) {
        if (response.status === 401 && key !== null) {
          refused = key;
          return show('Model state: the key entered under Authorize was refused.', null);
        }
        if (response.status === 401) {
          return show('Model state: enter an API key under Authorize to see whether the model can write now.', null);
        }
        if (!response.ok) {
          return show('Model state: GET /api/v1/languages answered ' + response.status + '.', null);
        }
        return response.json().then(function (languages) {
          return languages.modelReady
            ? show('Model state: ready. Every example can run.', true)
            : show('Model state: not ready, so the examples that need it answer 503. '
              + (languages.unavailableReason || ''), false);
        });
      })
      .catch(function () {
        show('Model state: the service did not answer GET /api/v1/languages.', null);
      });
  }

  // The page renders after this script runs: wait for its header, then keep the banner current.
  var waited = 0;
  var start = window.setInterval(function () {
    if (document.querySelector('.information-container .info') || ++waited > 100) {
      window.clearInterval(start);
      refresh();
      window.setInterval(refresh, 30000);
    }
  }, 100);
  // Authorize or Logout, by a click or by Enter in the key's field (which submits the dialog's form).
  function authorizationChanged(event) {
    if (event.target.closest && event.target.closest('.modal-ux')) {
      window.setTimeout(refresh, 200);
    }
  }
  document.addEventListener('click', function (event) {
    if (event.target.closest && event.target.closest('.auth-btn-wrapper button')) {
      authorizationChanged(event);
    }
  }, true);
  document.addEventListener('submit', authorizationChanged, true);
  document.addEventListener('visibilitychange', refresh);
})();
