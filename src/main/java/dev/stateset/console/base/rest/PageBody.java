package dev.stateset.console.base.rest;

import java.util.List;
import org.springframework.data.domain.Page;

/** One page of a list answer: the items and where they sit in the whole ({@code total} items in all). */
public record PageBody<T>(List<T> items, int page, int size, long total) {

    public static <T> PageBody<T> of(Page<T> page) {
        return new PageBody<>(page.getContent(), page.getNumber(), page.getSize(), page.getTotalElements());
    }
}
