package dev.stateset.console.base.ui;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;

/** A yes/no question before anything destructive or access-changing happens. */
public final class ConfirmAction {

    private ConfirmAction() {}

    public static ConfirmDialog ask(
            String header, String text, String confirmText, Runnable onConfirm, Runnable onCancel) {
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setHeader(header);
        dialog.setText(text);
        dialog.setCancelable(true);
        // The safe choice has the focus: Enter right after the dialog opens must not destroy anything.
        Button cancel = new Button("Cancel", e -> {
            dialog.close();
            onCancel.run();
        });
        cancel.addClassName("confirm-cancel");
        dialog.setCancelButton(cancel);
        // Our own confirm button (see the focus below) fires the dialog's confirm event, as its built-in one does.
        Button confirm = new Button(confirmText, e -> {
            dialog.close();
            ComponentUtil.fireEvent(dialog, new ConfirmDialog.ConfirmEvent(dialog, true));
        });
        confirm.addThemeNames("error", "primary");
        confirm.addClassName("confirm-action");
        dialog.setConfirmButton(confirm);
        dialog.addConfirmListener(e -> onConfirm.run());
        dialog.addCancelListener(e -> onCancel.run()); // Escape
        dialog.open();
        // vaadin-confirm-dialog focuses its confirm button when it opens (autofocus on Cancel loses to that, as a
        // browser test showed): pass that first focus on to Cancel. Later focus, by Tab or click, stays put.
        confirm.getElement()
                .executeJs("this.addEventListener('focus', () => $0.focus(), {once: true})", cancel.getElement());
        return dialog;
    }
}
