package org.plumbline.core.domain;

/** Whether an engagement's services run: set by decisions (suspend, terminate). */
public enum EngagementStatus {
    ACTIVE, SUSPENDED, TERMINATED
}
