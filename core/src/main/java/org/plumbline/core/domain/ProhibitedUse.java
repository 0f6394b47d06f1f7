package org.plumbline.core.domain;

/** One acceptable-use clause that an engagement's account manager acknowledges. */
public record ProhibitedUse(String id, String text) {}
