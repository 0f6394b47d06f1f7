package org.plumbline.core.domain;

/** Why a case was opened. Wire names: finding, concern, periodic-review, manual. */
public enum CaseOrigin {
    /** a signals rule found usage that contradicts the declaration */
    FINDING,
    /** someone raised a concern through the reporting channel */
    CONCERN,
    /** the engagement's periodic review fell due */
    PERIODIC_REVIEW,
    /** a reviewer opened it by hand */
    MANUAL
}
