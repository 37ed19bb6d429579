{{/* The name of every object of the release: the release name, unless it already says ledgerbench. */}}
{{- define "ledgerbench.fullname" -}}
{{- if contains "ledgerbench" .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-ledgerbench" .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "ledgerbench.serviceAccountName" -}}
{{- default (include "ledgerbench.fullname" .) .Values.serviceAccount.name -}}
{{- end -}}

{{/* Selector labels: stable for the life of the release. */}}
{{- define "ledgerbench.selectorLabels" -}}
app.kubernetes.io/name: ledgerbench
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: operator
{{- end -}}

{{- define "ledgerbench.labels" -}}
{{ include "ledgerbench.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}
