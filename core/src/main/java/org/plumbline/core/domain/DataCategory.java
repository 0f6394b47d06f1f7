package org.plumbline.core.domain;

/** A category of data an engagement declares it handles (vocabulary in {@code purposes.json}). */
public record DataCategory(String id, String title) {}
