"use strict";
// The server redirects here with ?failed after a wrong token.
if (new URLSearchParams(location.search).has("failed")) {
  document.getElementById("failed").hidden = false;
}
