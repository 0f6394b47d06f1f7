package org.plumbline.server;

/** Each thing a request can ask to do. {@link AccessPolicy} says which roles may do it. */
enum Permission {
    PUBLIC_READ,
    OWN_SESSION,
    ENGAGEMENT_READ,
    ENGAGEMENT_DECLARE,
    CASE_READ,
    CASE_OPEN,
    CASE_WORK,
    CASE_ASSIGN,
    DECIDE,
    DIRECTIVE_READ,
    DIRECTIVE_ACK,
    RECORD_READ,
    REVEAL,
    USER_ADMIN
}
