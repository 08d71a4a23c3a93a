//! Value stability, in the style of rand_distr's `tests/value_stability.rs`: pinned values of
//! every random stream, of the positional draws, of the exponential ziggurat and of each
//! duration distribution. The whole-run golden hashes (`tests/determinism.rs`) say *that*
//! the numbers changed; these say *where*. A change here is **value-breaking**: it must be
//! intended, marked in `CHANGELOG.md`, and the values re-pinned.

use kanalsim::model::Dist;
use kanalsim::rng::{Purpose, draw_at, exp1_from_word, stream, stream_key, triangular};
use kanalsim::scenario::{Distribution, Range};
use rand_xoshiro::rand_core::Rng;

/// Per purpose: the key of (seed 2012, replication 3), the first two draws of its sequential
/// stream, and positions 0 and 1,000,000 of its positional stream.
const STREAMS: [(Purpose, [u64; 5]); 6] = [
    (
        Purpose::Params,
        [
            0x3629717d671e5aa6,
            0xabffb5eb206349f7,
            0x087a403160d3d19a,
            0x5e40f7cccc242773,
            0x09025248e003471f,
        ],
    ),
    (
        Purpose::Arrivals,
        [
            0x2f57d1863fc1913a,
            0xc6edc1934252e671,
            0x0ed6ebae2736c68b,
            0x50f1668fccda7cd3,
            0x91b84a36bbb3a429,
        ],
    ),
    (
        Purpose::Choice,
        [
            0xafb626b33a4d6686,
            0xc0dd58717c7c9cc8,
            0xa88b12a41ae090fb,
            0x13b275bfc1792310,
            0xa75a49f35fe275ed,
        ],
    ),
    (
        Purpose::Service,
        [
            0xe70bd4c3e0877ead,
            0x177b50071c184ce5,
            0x56a534ff3026f9d7,
            0x909652d6cc5335f4,
            0x485d1875353b129c,
        ],
    ),
    (
        Purpose::Patience,
        [
            0x0d742cb14c0cd494,
            0x9a44c6e749272628,
            0xd9d274e7bb0c2f3f,
            0xb9d0164e074d3994,
            0xaf87de6d7914e0ae,
        ],
    ),
    (
        Purpose::Secondary,
        [
            0x3f78fdc0c0e91a77,
            0x50109de7c81c0cb7,
            0x79182a7dfdb0ad87,
            0xf962b7e9eafd0cf3,
            0xbf385e3287ea8319,
        ],
    ),
];

#[test]
fn streams_are_stable() {
    for (p, [key, s1, s2, at0, at1]) in STREAMS {
        assert_eq!(stream_key(2012, 3, p), key, "{p:?} key");
        let mut r = stream(2012, 3, p);
        assert_eq!([r.next_u64(), r.next_u64()], [s1, s2], "{p:?} sequence");
        assert_eq!(
            [draw_at(key, 0), draw_at(key, 1_000_000)],
            [at0, at1],
            "{p:?} positions"
        );
    }
}

#[test]
fn exponential_words_are_stable() {
    // (word, bits of the standard exponential drawn from it)
    let pinned: [(u64, u64); 5] = [
        (0x0000000000000000, 4382394879678832067),
        (0x0000000000000001, 4381661422019328899),
        (0x0123456789abcdef, 4565866272343625347),
        (0xffffffffffffffff, 4605189438307535052),
        (0xdeadbeef00000000, 4620203551346823118),
    ];
    for (w, bits) in pinned {
        let x = exp1_from_word(w);
        assert_eq!(x.to_bits(), bits, "word {w:#x}: {x}");
    }
}

#[test]
fn durations_are_stable() {
    let words = [
        0x0123_4567_89ab_cdefu64,
        0xfedc_ba98_7654_3210,
        0x8000_0000_0000_0000,
    ];
    let cases: [(Distribution, [u64; 3]); 3] = [
        (
            Distribution::Exponential { mean_min: 4.0 },
            [
                4574873471598366339,
                4597258069931860659,
                4625589259556838852,
            ],
        ),
        (
            Distribution::Lognormal {
                mean_min: 6.0,
                sd_min: 4.5,
            },
            [
                4605704724696574004,
                4628451143134699976,
                4617090337980232499,
            ],
        ),
        (
            Distribution::Empirical {
                edges_min: vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0, 30.0],
                weights: vec![10.0, 25.0, 20.0, 15.0, 10.0, 20.0],
            },
            [
                4591069540133202848,
                4629012366993799395,
                4617878467915022336,
            ],
        ),
    ];
    for (d, bits) in cases {
        let dist = Dist::new(&d, "d").expect("a valid distribution");
        for (w, b) in words.iter().zip(bits) {
            let x = dist.draw(*w);
            assert_eq!(x.to_bits(), b, "{d:?} word {w:#x}: {x}");
        }
    }
}

#[test]
fn triangular_quantiles_are_stable() {
    let r = Range {
        low: 0.2,
        likely: 0.3,
        high: 0.5,
    };
    let bits = [0.1, 0.5, 0.9].map(|u| triangular(&r, u).to_bits());
    assert_eq!(
        bits,
        [
            4598261188862155389,
            4599558633824025327,
            4601283429864263564
        ]
    );
}
