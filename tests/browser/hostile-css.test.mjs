// A CMS theme that styles everything it can reach must neither break nor restyle the
// widget, and the widget's styles must not reach the page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, open, search, options, missingSite } from "./helpers.mjs";

const skip = missingSite();
let server, browser;
before(async () => {
  if (skip) return;
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const fixture = (name) => `${server.url}tests/browser/fixtures/${name}.html`;

// The computed styles and sizes a reader sees inside the widget.
function look(page) {
  return page.evaluate(() => {
    const root = document.querySelector("verbatim-search").shadowRoot;
    const pick = (el, props) => {
      const s = getComputedStyle(el);
      return Object.fromEntries(props.map((p) => [p, s[p]]));
    };
    const text = ["fontFamily", "fontSize", "fontStyle", "lineHeight", "color", "letterSpacing", "wordSpacing", "textTransform", "textAlign", "textShadow", "cursor"];
    const box = (el) => {
      const r = el.getBoundingClientRect();
      return { height: Math.round(r.height), visible: r.width > 0 && r.height > 0 };
    };
    return {
      root: pick(root.querySelector(".root"), [...text, "display", "visibility"]),
      input: { ...pick(root.querySelector("input"), [...text, "display", "backgroundColor"]), ...box(root.querySelector("input")) },
      field: { ...pick(root.querySelector(".field"), ["borderTopStyle", "borderTopWidth", "borderRadius", "backgroundColor", "boxShadow"]), ...box(root.querySelector(".field")) },
      option: { ...pick(root.querySelector("[role=option]"), [...text, "display", "backgroundColor", "float"]), visible: box(root.querySelector("[role=option]")).visible },
      mark: pick(root.querySelector("mark"), ["backgroundColor", "color"]),
      icon: box(root.querySelector(".icon")),
      copy: box(root.querySelector(".copy")),
      host: pick(document.querySelector("verbatim-search"), ["paddingTop", "borderTopStyle", "backgroundColor", "boxShadow", "opacity"]),
    };
  });
}

test("a hostile page stylesheet neither breaks nor restyles the widget", { skip }, async () => {
  const plain = await open(browser, fixture("plain"));
  await search(plain.page, "Mullally");
  const expected = await look(plain.page);
  await plain.context.close();

  const hostile = await open(browser, fixture("hostile"));
  const comic = await hostile.page.locator("#host-p").evaluate((p) => getComputedStyle(p).fontFamily);
  assert.match(comic, /Comic Sans/, "the hostile stylesheet is in force");
  await search(hostile.page, "Mullally");
  assert.ok((await options(hostile.page).count()) > 0);
  assert.deepEqual(await look(hostile.page), expected);
  assert.equal(await options(hostile.page).first().isVisible(), true);
  await options(hostile.page).first().click();
  await hostile.page.waitForURL((u) => u.pathname === "/index.html" && /^#p\d+$/.test(u.hash));
  assert.deepEqual(hostile.problems, []);
  await hostile.context.close();
});

test("the widget's styles do not leak into the host page", { skip }, async () => {
  const hostStyles = (page) =>
    page.evaluate(() => {
      const s = (sel, props) => Object.fromEntries(props.map((p) => [p, getComputedStyle(document.querySelector(sel))[p]]));
      return {
        p: s("#host-p", ["fontSize", "color", "fontStyle", "fontFamily", "marginTop", "lineHeight"]),
        mark: s("#host-mark", ["backgroundColor", "color"]),
        li: s("#host-li", ["display"]),
        input: s("#host-input", ["width", "height", "display"]),
        button: s("#host-button", ["backgroundColor", "borderTopStyle"]),
        sheets: document.styleSheets.length,
        adopted: document.adoptedStyleSheets.length,
      };
    });
  for (const name of ["hostile", "plain"]) {
    const { context, page } = await open(browser, fixture(name));
    const before = await hostStyles(page);
    await search(page, "traite");
    assert.deepEqual(await hostStyles(page), before, `${name}: the host page looks the same with results showing`);
    await context.close();
  }
  // And the hostile page keeps exactly the look its own stylesheet asks for.
  const { context, page } = await open(browser, fixture("hostile"));
  await search(page, "traite");
  const now = await hostStyles(page);
  assert.equal(now.p.fontSize, "30px");
  assert.equal(now.p.color, "rgb(255, 0, 0)");
  assert.equal(now.mark.backgroundColor, "rgb(255, 0, 0)");
  assert.equal(now.li.display, "inline");
  assert.equal(now.adopted, 0);
  await context.close();
});
