//! One small sort for the whole crate.
//!
//! The standard library's sorts are fast, but every instantiation brings
//! several kilobytes of wasm (driftsort, ipnsort, small-sort networks), and a
//! search engine sorts many kinds of lists. A heapsort is a few hundred bytes,
//! O(n log n) in the worst case, and every list we sort has a total order, so
//! stability does not matter.

/// Sorts so that no element is `less` than the one before it. Natively, where
/// bytes do not matter and archives are large, the standard library sorts.
#[cfg(not(target_arch = "wasm32"))]
pub fn sort_by<T>(v: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    v.sort_unstable_by(|a, b| {
        if less(a, b) {
            std::cmp::Ordering::Less
        } else if less(b, a) {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    });
}

/// Sorts so that no element is `less` than the one before it: a heapsort,
/// bottom-up (Floyd): an element sifted down follows the larger children to a
/// leaf, one comparison a level, then climbs back to its place — half the
/// comparisons of the textbook sift, and comparing is what costs here (words).
#[cfg(any(target_arch = "wasm32", test))]
pub fn heapsort_by<T>(v: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    let mut sift = |v: &mut [T], root: usize, end: usize| {
        let mut at = root;
        loop {
            let child = 2 * at + 1;
            if child >= end {
                break;
            }
            at = if child + 1 < end && less(&v[child], &v[child + 1]) { child + 1 } else { child };
        }
        while at > root && less(&v[at], &v[root]) {
            at = (at - 1) / 2;
        }
        // The root's element goes to `at`; each one on the path above moves up a level.
        while at > root {
            v.swap(root, at);
            at = (at - 1) / 2;
        }
    };
    let n = v.len();
    for i in (0..n / 2).rev() {
        sift(v, i, n);
    }
    for end in (1..n).rev() {
        v.swap(0, end);
        sift(v, 0, end);
    }
}

#[cfg(target_arch = "wasm32")]
pub use heapsort_by as sort_by;

pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, |a, b| a < b);
}

pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a) < key(b));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_library() {
        let mut seed = 7u64;
        for len in [0, 1, 2, 3, 10, 100, 1000] {
            let mut v: Vec<u32> = (0..len)
                .map(|_| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    (seed >> 40) as u32 % 50
                })
                .collect();
            let mut want = v.clone();
            want.sort();
            let mut heap = v.clone();
            heapsort_by(&mut heap, |a, b| a < b);
            assert_eq!(heap, want);
            sort(&mut v);
            assert_eq!(v, want);
        }
        let mut words = vec!["b", "a", "c"];
        sort_by_key(&mut words, |w| std::cmp::Reverse(*w));
        assert_eq!(words, ["c", "b", "a"]);
    }
}
