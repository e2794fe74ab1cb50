package dev.stateset.console.workspace.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

@Entity
@Table(name = "workspace")
public class WorkspaceEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true, length = 64)
    private String name;

    @Column(nullable = false, length = 500)
    private String description;

    @Column(name = "time_zone", nullable = false, length = 64)
    private String timeZone;

    @Column(name = "engine_kind", nullable = false, length = 16)
    private String engineKind = "EMBEDDED";

    @Column(name = "engine_rest_url", length = 500)
    private String engineRestUrl;

    @Column(name = "webhook_url", length = 500)
    private String webhookUrl;

    @Column(name = "storage_price_per_gb_month", precision = 12, scale = 4)
    private java.math.BigDecimal storagePricePerGbMonth;

    @Column(name = "blackout_windows", nullable = false, length = 1000)
    private String blackoutWindows = "";

    @Column(name = "viewers_see_state_values", nullable = false)
    private boolean viewersSeeStateValues;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected WorkspaceEntity() {}

    public WorkspaceEntity(String name, String description, String timeZone, Instant createdAt) {
        this.name = name;
        this.description = description;
        this.timeZone = timeZone;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    public String getEngineKind() {
        return engineKind;
    }

    public void setEngineKind(String engineKind) {
        this.engineKind = engineKind;
    }

    public String getEngineRestUrl() {
        return engineRestUrl;
    }

    public void setEngineRestUrl(String engineRestUrl) {
        this.engineRestUrl = engineRestUrl;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public String getWebhookUrl() {
        return webhookUrl;
    }

    public void setWebhookUrl(String webhookUrl) {
        this.webhookUrl = webhookUrl;
    }

    public java.math.BigDecimal getStoragePricePerGbMonth() {
        return storagePricePerGbMonth;
    }

    public void setStoragePricePerGbMonth(java.math.BigDecimal price) {
        this.storagePricePerGbMonth = price;
    }

    public String getBlackoutWindows() {
        return blackoutWindows;
    }

    public void setBlackoutWindows(String blackoutWindows) {
        this.blackoutWindows = blackoutWindows;
    }

    public boolean isViewersSeeStateValues() {
        return viewersSeeStateValues;
    }

    public void setViewersSeeStateValues(boolean viewersSeeStateValues) {
        this.viewersSeeStateValues = viewersSeeStateValues;
    }
}
