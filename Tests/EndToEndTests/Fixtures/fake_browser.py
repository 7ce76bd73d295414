"""A scripted browser for the browser-login tests: `$BROWSER` runs `fake_browser.sh`, which starts this in the
background. It opens the authorize URL (trusting the local server's CA), then visits the loopback redirect the
way the mode says: `normal`, `favicon-first` (a stray request first), `wrong-state`, or `error` (the user denied)."""
import ssl
import sys
import time
import urllib.parse
import urllib.request

mode, ca, url = sys.argv[1], sys.argv[2], sys.argv[3]
time.sleep(0.2)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


context = ssl.create_default_context(cafile=ca)
opener = urllib.request.build_opener(NoRedirect, urllib.request.HTTPSHandler(context=context))
try:
    opener.open(url)
    sys.exit("expected a redirect")
except urllib.error.HTTPError as redirect:
    location = redirect.headers["Location"]

parts = urllib.parse.urlsplit(location)
query = dict(urllib.parse.parse_qsl(parts.query))
if mode == "favicon-first":
    try:
        urllib.request.urlopen(f"{parts.scheme}://{parts.netloc}/favicon.ico")
    except urllib.error.HTTPError:
        pass
if mode == "wrong-state":
    query["state"] = "forged"
if mode == "error":
    query = {"error": "access_denied", "error_description": "The user said no", "state": query["state"]}
target = urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, urllib.parse.urlencode(query), ""))
try:
    opener.open(target)
except urllib.error.HTTPError:
    pass
