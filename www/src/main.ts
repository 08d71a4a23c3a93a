// Entry: registers <kanal-sim>; on the full page (an element with id "kanalsim-root"),
// mounts one <kanal-sim page> in full mode, or in embed mode with `?embed` / `#embed`.
import { define, urlFlags, setPristine } from './element';

const root = document.getElementById('kanalsim-root');
// "Gem som fil" copies the page file as it was loaded, before the page builds itself in it.
if (root && root.childElementCount === 0) setPristine(`<!doctype html>\n${document.documentElement.outerHTML}\n`);

define();

if (root) {
  const flags = urlFlags(location);
  const el = document.createElement('kanal-sim');
  el.setAttribute('page', '');
  if (flags.has('embed')) {
    el.setAttribute('mode', 'embed');
    document.documentElement.classList.add('ks-embedded');
    const charts = flags.get('charts') || flags.get('embed');
    if (charts) el.setAttribute('charts', charts);
    const levers = flags.get('levers');
    if (levers !== undefined) el.setAttribute('levers', levers);
  } else {
    el.setAttribute('mode', 'full');
  }
  root.append(el);
}
