//! Results cross into JS as one JSON text that `JSON.parse` turns into plain
//! objects. A few hundred bytes of writer, where serde-wasm-bindgen's generic
//! field-by-field conversion weighed 11 KB of each wasm build (5 KB gzip), and
//! one call across the boundary instead of one per field.
//!
//! Numbers are written without `core::fmt` (its float formatting alone is
//! about 14 KB): integers digit by digit, scores with six decimals.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use wasm_bindgen::JsValue;

/// A value that writes itself as JSON.
pub(super) trait ToJson {
    fn write_json(&self, out: &mut String);
}

/// Parses what `value` writes into a JS value.
pub(super) fn to_js(value: &impl ToJson) -> Result<JsValue, JsValue> {
    let mut text = String::new();
    value.write_json(&mut text);
    js_sys::JSON::parse(&text).map_err(|_| js_sys::Error::new("Verbatim could not convert a result").into())
}

/// `{"name": value, …}`, field by field.
pub(super) struct Object<'a> {
    out: &'a mut String,
    empty: bool,
}

impl<'a> Object<'a> {
    pub(super) fn new(out: &'a mut String) -> Object<'a> {
        out.push('{');
        Object { out, empty: true }
    }

    /// `name` is written as is: a Rust identifier, nothing to escape.
    pub(super) fn field(mut self, name: &str, value: &(impl ToJson + ?Sized)) -> Object<'a> {
        if !self.empty {
            self.out.push(',');
        }
        self.empty = false;
        self.out.push('"');
        self.out.push_str(name);
        self.out.push_str("\":");
        value.write_json(self.out);
        self
    }

    pub(super) fn end(self) {
        self.out.push('}');
    }
}

impl ToJson for str {
    fn write_json(&self, out: &mut String) {
        out.push('"');
        for c in self.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\u{0}'..='\u{1f}' => {
                    let n = c as u32;
                    out.push_str(if n < 0x10 { "\\u000" } else { "\\u001" });
                    out.push(char::from_digit(n & 0xf, 16).unwrap_or('0'));
                }
                c => out.push(c),
            }
        }
        out.push('"');
    }
}

impl ToJson for String {
    fn write_json(&self, out: &mut String) {
        self.as_str().write_json(out);
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn write_json(&self, out: &mut String) {
        (**self).write_json(out);
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn write_json(&self, out: &mut String) {
        match self {
            Some(v) => v.write_json(out),
            None => out.push_str("null"),
        }
    }
}

impl<T: ToJson> ToJson for [T] {
    fn write_json(&self, out: &mut String) {
        out.push('[');
        for (i, v) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            v.write_json(out);
        }
        out.push(']');
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, out: &mut String) {
        self.as_slice().write_json(out);
    }
}

impl<T: ToJson, const N: usize> ToJson for [T; N] {
    fn write_json(&self, out: &mut String) {
        self.as_slice().write_json(out);
    }
}

fn write_u64(mut n: u64, out: &mut String) {
    let mut digits = [0u8; 20];
    let mut len = 0;
    loop {
        if let Some(d) = digits.get_mut(len) {
            *d = b'0' + (n % 10) as u8;
        }
        len += 1;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for d in digits.iter().take(len).rev() {
        out.push(char::from(*d));
    }
}

macro_rules! unsigned_to_json {
    ($($t:ty),*) => {$(
        impl ToJson for $t {
            fn write_json(&self, out: &mut String) {
                write_u64(*self as u64, out);
            }
        }
    )*};
}
unsigned_to_json!(u8, u16, u32, usize);

/// Six decimals: scores only order the hits and are shown nowhere.
/// Not a finite number → 0 (JSON has no NaN).
impl ToJson for f32 {
    fn write_json(&self, out: &mut String) {
        let v = f64::from(*self);
        if !v.is_finite() {
            out.push('0');
            return;
        }
        if v < 0.0 {
            out.push('-');
        }
        let micros = (v.abs() * 1e6).round().min(u64::MAX as f64) as u64;
        write_u64(micros / 1_000_000, out);
        let fraction = micros % 1_000_000;
        if fraction > 0 {
            out.push('.');
            let mut digits = String::new();
            write_u64(fraction + 1_000_000, &mut digits);
            // "1000500" → ".0005": the leading 1 kept the zeros, trailing ones go.
            out.push_str(digits.get(1..).unwrap_or("").trim_end_matches('0'));
        }
    }
}
