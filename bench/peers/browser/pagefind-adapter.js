// Pagefind in the page, as its docs show: import its pagefind.js, search, then load the
// data (url, excerpt, title) of the results to show.
let pagefind;

export async function load() {
  pagefind = await import("./pagefind/pagefind.js");
  await pagefind.init();
}

export async function search(query, limit) {
  const r = await pagefind.search(query);
  const data = await Promise.all(r.results.slice(0, limit).map((x) => x.data()));
  return data.map((d) => ({ id: decodeURIComponent(d.url.replace(/^.*\/passage\//, "")), title: d.meta?.title ?? "", snippet: d.excerpt }));
}
