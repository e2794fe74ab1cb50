package dev.stateset.console.base.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;

/** A yes/no question before anything destructive or access-changing happens. */
public final class ConfirmAction {

    private ConfirmAction() {}

    public static ConfirmDialog ask(String header, String text, String confirmText, Runnable onConfirm, Runnable onCancel) {
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setHeader(header);
        dialog.setText(text);
        dialog.setCancelable(true);
        // The safe choice has the focus: Enter right after the dialog opens must not destroy anything.
        Button cancel = new Button("Cancel", e -> {
            dialog.close();
            onCancel.run();
        });
        cancel.setAutofocus(true);
        cancel.addClassName("confirm-cancel");
        dialog.setCancelButton(cancel);
        dialog.setConfirmText(confirmText);
        dialog.setConfirmButtonTheme("error primary");
        dialog.addConfirmListener(e -> onConfirm.run());
        dialog.addCancelListener(e -> onCancel.run()); // Escape
        dialog.open();
        return dialog;
    }
}
